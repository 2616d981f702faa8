package dev.memprof.e2e.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A raw socket client for requests that {@code java.net.http} refuses to send: arbitrary bytes, bad request lines,
 * truncated messages. Every call is bounded by its timeouts and closes its socket.
 */
public final class RawHttp {

    /** What came back: a status with the raw head and body, or no answer (status -1) when none arrived in time. */
    public record Answer(int status, String head, byte[] body) {
        static final Answer NONE = new Answer(-1, "", new byte[0]);

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean answered() {
            return status >= 0;
        }
    }

    private static final int MAX_ANSWER = 1 << 20;

    private RawHttp() {
    }

    /**
     * Sends {@code request} on a new connection and reads one answer (head, then a Content-Length body or up to
     * EOF). With {@code readTimeoutMs == 0} the socket is closed right after writing, without reading. With
     * {@code halfClose} the client ends its side after writing, so a server waiting for more closes at once.
     */
    public static Answer exchange(int port, byte[] request, int readTimeoutMs, boolean halfClose)
            throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000); // a loaded 2-core box can stall accepts
            s.setSoTimeout(Math.max(1, readTimeoutMs));
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (SocketException e) {
                return Answer.NONE; // the server closed early (e.g. after an oversized line): nothing to read
            }
            return readTimeoutMs == 0 ? Answer.NONE : read(s.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headEnd = -1;
        long contentLength = -1;
        try {
            while (buf.size() < MAX_ANSWER) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                buf.write(chunk, 0, n);
                byte[] all = buf.toByteArray();
                if (headEnd < 0) {
                    headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    if (headEnd >= 0) {
                        contentLength = contentLength(new String(all, 0, headEnd, StandardCharsets.ISO_8859_1));
                    }
                }
                if (headEnd >= 0 && contentLength >= 0 && all.length >= headEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // no (more) answer in time, or reset: judge what arrived
        }
        byte[] all = buf.toByteArray();
        if (headEnd < 0) {
            return Answer.NONE;
        }
        String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
        int end = contentLength >= 0 ? (int) Math.min(all.length, headEnd + 4 + contentLength) : all.length;
        byte[] body = java.util.Arrays.copyOfRange(all, headEnd + 4, end);
        return new Answer(status(head), head, body);
    }

    private static int status(String head) {
        String[] parts = head.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return -2; // something that is not HTTP came back
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
