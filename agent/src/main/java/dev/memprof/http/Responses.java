package dev.memprof.http;

import dev.memprof.json.JsonWriter;

/** The few response shapes every handler uses, so that headers and error texts stay uniform. */
public final class Responses {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json";
    public static final String BINARY = "application/octet-stream";

    private Responses() {
    }

    /** Go's {@code serveError}: plain text, {@code X-Go-Pprof: 1}, one line. */
    public static Response error(int status, String message) {
        return new Response(status, TEXT, oneLine(message) + "\n").header("X-Go-Pprof", "1");
    }

    /** A binary profile served as a download, as Go names it: {@code attachment; filename="heap"}. */
    public static Response attachment(String filename, byte[] bytes) {
        return new Response(200, BINARY, bytes)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    public static Response text(String body) {
        return new Response(200, TEXT, body);
    }

    public static Response html(String body) {
        return new Response(200, HTML, body);
    }

    public static Response json(int status, String body) {
        return new Response(status, JSON, body);
    }

    /** A JSON error: {@code {"error": "..."}}. */
    public static Response jsonError(int status, String message) {
        return json(status, new JsonWriter().beginObject().name("error").value(oneLine(message)).endObject()
                .toString());
    }

    public static Response unauthorized() {
        return new Response(401, TEXT, "Unauthorized\n").header("WWW-Authenticate", "Bearer");
    }

    public static Response methodNotAllowed(String allowed) {
        return error(405, "Method Not Allowed").header("Allow", allowed);
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
        return t.length() > 300 ? t.substring(0, 300) : t;
    }
}
