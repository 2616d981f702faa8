package dev.memprof.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded corpus of malformed requests for {@link BadInputTest}. Every case is bytes to write on a fresh loopback
 * connection plus what the server may answer. Values that would be valid are kept out on purpose: a valid
 * {@code seconds} on {@code heap} would block that many seconds, and a valid route would rightly answer 200.
 */
final class BadRequestCorpus {

    /** What a case may get back. */
    enum Expect {
        /** An answer must come, and it is a 4xx. */
        ANSWER_4XX,
        /**
         * Not HTTP: sent, then the client's side is shut, so the server need not wait for more. No answer is fine
         * (junk without a line end is still "being read" when the connection ends); any answer is a 4xx.
         */
        MAYBE_4XX,
        /** Cut off: written, then the connection is closed at once. The server must just cope. */
        CLOSE,
        /** Garbage in a parameter Go parses leniently ({@code debug}, {@code gc}: ignored): 200 or 4xx, never 5xx. */
        LENIENT
    }

    record Case(int index, String kind, Expect expect, byte[] bytes) {
        String describe() {
            String s = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.ISO_8859_1);
            return "#" + index + " " + kind + " " + expect + ": " + s.replace("\r", "\\r").replace("\n", "\\n")
                    .replaceAll("[^\\x20-\\x7e]", "?");
        }
    }

    static final String[] PROFILES = {"heap", "allocs", "goroutine", "threadcreate"};
    private static final String[] FAMILIES = {"/debug/pprof/", "/ah/memoryProfile/", "/ah/memory/",
            "/api/v1/profiling/sessions/", "/metrics/", "/", "/debug/"};
    private static final String[] PERCENT_TRICKS = {"%00", "heap%00", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%c0%ae%c0%ae", "%c0%af", "%e0%80%ae%e0%80%ae", "%zz", "%", "%4", "%%", "heap%zz", "%ff%fe%fd",
            "%u002e%u002e", "..%5c..%5c", "%252e%252e", "%ed%a0%80", "%f8%88%80%80%80", "%C0%80", "%0d%0a",
            "heap%0d%0aX-Injected:%201", "%e2%80%ae", "%ef%bb%bf"};
    /** seconds values that are not a positive integer within maxSeconds (300): each must get 400. */
    private static final String[] BAD_SECONDS = {"-1", "0", "-0", "00", "9223372036854775808",
            "99999999999999999999999", "301", "86400", "2147483648", "-9223372036854775808", "1.5", "1e2", "0x1",
            "1%20", "%201", "+1", "%2b0", "abc", "%00", "1%00", "%zz", "NaN", "Infinity", "%d9%a1", "%ef%bc%91",
            "%e0%a5%a7", "--1", "1-", "%", "true", "[1]", "{}", "1,2"};
    private static final String[] BAD_INTS = {"-1", "-2147483648", "2147483648", "99999999999999999999", "abc",
            "", "%00", "1.0", "0x2", "%d9%a2", "-0", "+", "NaN", "%zz"};
    private static final String[] WRONG_METHODS = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "POST", "FOO",
            "get", "PROPFIND", "M-SEARCH", "BREW"};

    private final Random random;
    private final List<Case> cases = new ArrayList<>();

    BadRequestCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<Case> generate() {
        add(2000, "random-path", Expect.ANSWER_4XX, () -> get(randomPath()));
        add(1500, "percent-trick", Expect.ANSWER_4XX, this::percentTrick);
        add(1000, "traversal", Expect.ANSWER_4XX, () -> get(traversal()));
        add(2000, "bad-seconds", Expect.ANSWER_4XX, this::badSeconds);
        add(1000, "invalid-json", Expect.ANSWER_4XX, this::invalidJson);
        add(800, "wrong-method", Expect.ANSWER_4XX, this::wrongMethod);
        add(300, "oversized", Expect.ANSWER_4XX, this::oversized);
        add(400, "bad-header", Expect.ANSWER_4XX, this::badHeader);
        add(1200, "raw-bytes", Expect.MAYBE_4XX, this::rawBytes);
        add(600, "truncated", Expect.CLOSE, this::truncated);
        add(300, "lenient-param", Expect.LENIENT, this::lenientParam);
        return cases;
    }

    private void add(int n, String kind, Expect expect, Supplier<byte[]> gen) {
        for (int i = 0; i < n; i++) {
            cases.add(new Case(cases.size(), kind, expect, gen.get()));
        }
    }

    private String randomPath() {
        String family = pick(FAMILIES);
        StringBuilder b = new StringBuilder(family);
        // a digit first keeps the segment from naming a route ("heap", "metrics": letters only)
        b.append(random.nextInt(10));
        int len = random.nextInt(40);
        for (int i = 0; i < len; i++) {
            b.append((char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
        }
        return b.toString();
    }

    private byte[] percentTrick() {
        String path = pick(FAMILIES) + pick(PERCENT_TRICKS) + (random.nextBoolean() ? "" : pick(PERCENT_TRICKS));
        if (random.nextInt(3) == 0) { // a trick in the query of a real route: in a key, or in seconds
            path = "/debug/pprof/" + pick(PROFILES) + "?" + (random.nextBoolean()
                    ? pick(new String[] {"%zz", "%", "a%zz", "seconds%"}) + "=1"
                    : "seconds=" + pick(PERCENT_TRICKS));
        }
        return get(path);
    }

    private String traversal() {
        String up = pick(new String[] {"../", "%2e%2e/", "..%2f", "%2e%2e%2f", "..\\", "..%5c", "./", ".%2e/"});
        String base = pick(new String[] {"/ah/memoryProfile/", "/debug/pprof/", "/api/v1/profiling/sessions/",
                "/debug/pprof/heap/", "/ah/memory/", "/"});
        return base + up.repeat(1 + random.nextInt(6)) + pick(new String[] {"etc/passwd", "x", "", "proc/self/environ",
                "debug/pprof/x" + random.nextInt(9), "windows/win.ini", "..", "."}) + (random.nextBoolean() ? ""
                : "?id=" + up + "etc");
    }

    private byte[] badSeconds() {
        StringBuilder q = new StringBuilder("seconds=").append(pick(BAD_SECONDS));
        if (random.nextBoolean()) {
            q.append("&debug=").append(pick(BAD_INTS));
        }
        if (random.nextBoolean()) {
            q.append("&gc=").append(pick(BAD_INTS));
        }
        return get("/debug/pprof/" + pick(PROFILES) + "?" + q);
    }

    private byte[] invalidJson() {
        String body = switch (random.nextInt(6)) {
            case 0 -> "{\"seconds\":";
            case 1 -> "[".repeat(1 + random.nextInt(5000));
            case 2 -> "{\"seconds\": 1e999999, \"type\": " + random.nextLong() + "}";
            case 3 -> "{\"type\": \"heap\", \"seconds\": \"" + pick(BAD_SECONDS) + "\"";
            case 4 -> "\u0000\uFFFF{}{}" + random.nextInt();
            default -> new String(randomBytes(1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
        };
        // not "/ah/memoryProfile" itself: it takes its options from the query and ignores the body by design (201)
        String path = pick(new String[] {"/api/v1/profiling/sessions", "/ah/memoryProfile/x" + random.nextInt()
                + "/end", "/ah/memoryProfile/x",
                "/api/v1/profiling/sessions/" + random.nextInt(), "/debug/pprof/heap", "/debug/pprof/"});
        return request("POST", path, "Content-Type: application/json\r\n", body.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] wrongMethod() {
        String path = random.nextInt(4) == 0 ? "/metrics" : "/debug/pprof/" + pick(new String[] {"", "heap", "allocs",
                "goroutine", "threadcreate", "cmdline"});
        return request(pick(WRONG_METHODS), path, "", new byte[0]);
    }

    private byte[] oversized() {
        return switch (random.nextInt(4)) {
            case 0 -> get("/debug/pprof/heap?x=" + "a".repeat(4100 + random.nextInt(16000)));
            case 1 -> request("GET", "/debug/pprof/heap", "X-Big: " + "b".repeat(8200 + random.nextInt(16000))
                    + "\r\n", new byte[0]);
            case 2 -> request("GET", "/debug/pprof/heap", ("X-Many-" + random.nextInt() + ": " + "c".repeat(60)
                    + "\r\n").repeat(200), new byte[0]);
            default -> ("POST /debug/pprof/symbol HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Length: " + (65_537 + random.nextInt(1 << 30)) + "\r\n\r\n0x1234+0x5678")
                    .getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    private byte[] badHeader() {
        String head = switch (random.nextInt(8)) {
            case 0 -> "GET /debug/pprof/goroutine HTTP/" + pick(new String[] {"1", "x.y", "1.1.1", "", "1.1x"});
            case 1 -> "GET /debug/pprof/goroutine HTTP/1.1\r\nBad Header: x";
            case 2 -> "GET /debug/pprof/goroutine HTTP/1.1\r\nContent-Length: " + pick(new String[] {"-1", "abc",
                    "1, 2", "99999999999999999999999", "0x10"});
            case 3 -> "POST /debug/pprof/symbol HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + pick(new String[] {"zz", "-1", "fffffffffffffffffffff", "1;" + "x".repeat(9000)}) + "\r\nx";
            case 4 -> "G\u0000T /debug/pprof/goroutine HTTP/1.1";
            case 5 -> "GET /debug/pprof/goroutine HTTP/1.1\r\nX\u0000Y: 1";
            case 6 -> "GET\t\t/debug/pprof/goroutine\u000b HTTP/1.1\r\n: empty-name";
            default -> "GET /debug/pprof/goroutine HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2";
        };
        return (head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] rawBytes() {
        byte[] junk = randomBytes(1 + random.nextInt(1500));
        return switch (random.nextInt(4)) {
            case 0 -> junk;
            case 1 -> concat(junk, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            case 2 -> concat(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}, junk); // looks like a TLS hello
            default -> (token() + " " + token() + " " + token() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    private byte[] truncated() {
        byte[] whole = switch (random.nextInt(3)) {
            case 0 -> get("/debug/pprof/" + pick(PROFILES) + "?debug=1");
            case 1 -> request("POST", "/debug/pprof/symbol", "Content-Length: 100\r\n", "0x1".getBytes());
            default -> ("POST /debug/pprof/symbol HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0x12")
                    .getBytes(StandardCharsets.ISO_8859_1);
        };
        int firstLine = new String(whole, StandardCharsets.ISO_8859_1).indexOf("\r\n");
        int cut = random.nextBoolean() ? 1 + random.nextInt(firstLine) : 1 + random.nextInt(whole.length - 1);
        return java.util.Arrays.copyOf(whole, cut);
    }

    private byte[] lenientParam() {
        String q = "debug=" + pick(BAD_INTS) + (random.nextInt(10) == 0 ? "&gc=" + pick(BAD_INTS) : "");
        return get("/debug/pprof/" + pick(PROFILES) + "?" + q);
    }

    private String token() {
        return new String(randomBytes(1 + random.nextInt(20)), StandardCharsets.ISO_8859_1)
                .replaceAll("[\\s]", "x");
    }

    private static byte[] get(String target) {
        return request("GET", target, "", new byte[0]);
    }

    private static byte[] request(String method, String target, String headers, byte[] body) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
        return concat(head.getBytes(StandardCharsets.UTF_8), body);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
