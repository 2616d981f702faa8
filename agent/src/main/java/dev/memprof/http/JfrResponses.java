package dev.memprof.http;

/** The shared ending of the JFR routes: the bytes as a download, or 499 when the client went away first. */
final class JfrResponses {

    private JfrResponses() {
    }

    static Response attachment(String filename, byte[] bytes) {
        if (bytes == null) {
            return Responses.error(499, "client closed request").header("Connection", "close");
        }
        return Responses.attachment(filename, bytes);
    }
}
