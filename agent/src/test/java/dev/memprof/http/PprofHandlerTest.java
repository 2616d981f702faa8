package dev.memprof.http;

import dev.memprof.pprof.NamedProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Go's net/http/pprof texts and headers, through the real route table. */
@Timeout(10)
class PprofHandlerTest {

    private static final byte[] PPROF = {0x1f, (byte) 0x8b, 1, 2, 3};

    /** A profile that answers with fixed values and records what it was asked. */
    private static final class FakeProfile implements NamedProfile {
        private final String name;
        private final boolean delta;
        long askedSeconds = -1;

        FakeProfile(String name, boolean delta) {
            this.name = name;
            this.delta = delta;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a <test> profile";
        }

        @Override
        public int count() {
            return 42;
        }

        @Override
        public byte[] pprof() {
            return PPROF;
        }

        @Override
        public String text(int debug) {
            return "text debug=" + debug + "\n";
        }

        @Override
        public boolean supportsDelta() {
            return delta;
        }

        @Override
        public byte[] delta(long seconds, BooleanSupplier cancelled) {
            askedSeconds = seconds;
            return "delta".getBytes(StandardCharsets.UTF_8);
        }
    }

    private final FakeProfile goroutine = new FakeProfile("goroutine", false);
    private final FakeProfile allocs = new FakeProfile("allocs", true);
    private final Router router = new Routes(60).profile(goroutine).profile(allocs).build(List.of("java", "-jar", "x"));

    private Response get(String pathAndQuery) throws Exception {
        return Requests.serve(router, Requests.get(pathAndQuery));
    }

    @Test
    void unknownProfileIs404UnknownProfile() throws Exception {
        Response r = get("/debug/pprof/nosuch");
        assertError(r, 404, "Unknown profile");
    }

    @Test
    void debugZeroIsAnAttachmentWithGoHeaders() throws Exception {
        for (String q : new String[]{"", "?debug=0", "?debug=abc"}) {
            Response r = get("/debug/pprof/goroutine" + q);
            assertEquals(200, r.status());
            assertEquals("application/octet-stream", r.headers().get("Content-Type"));
            assertEquals("attachment; filename=\"goroutine\"", r.headers().get("Content-Disposition"));
            assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
            assertNull(r.headers().get("X-Go-Pprof"));
            assertArrayEquals(PPROF, r.body());
        }
    }

    @Test
    void debugNonZeroIsPlainText() throws Exception {
        for (int debug : new int[]{1, 2}) {
            Response r = get("/debug/pprof/goroutine?debug=" + debug);
            assertEquals(200, r.status());
            assertEquals("text/plain; charset=utf-8", r.headers().get("Content-Type"));
            assertNull(r.headers().get("Content-Disposition"));
            assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
            assertEquals("text debug=" + debug + "\n", r.bodyText());
        }
    }

    @Test
    void aNonAsciiDigitInDebugCountsAsZeroAsInGo() throws Exception {
        Response r = get("/debug/pprof/goroutine?debug=%D9%A1");
        assertEquals(200, r.status());
        assertEquals("application/octet-stream", r.headers().get("Content-Type"));
    }

    @Test
    void secondsValidationFollowsGoInOrder() throws Exception {
        String invalid = "invalid value for \"seconds\" - must be a positive integer";
        // %D9%A1 is ARABIC-INDIC DIGIT ONE and %EF%BC%91 FULLWIDTH DIGIT ONE: Java's parser takes them, Go's does not
        for (String bad : new String[]{"0", "-3", "abc", "1.5", "%D9%A1", "%EF%BC%91"}) {
            assertError(get("/debug/pprof/allocs?seconds=" + bad), 400, invalid);
        }
        // Validity is checked before support: an invalid value on a profile without deltas still says invalid.
        assertError(get("/debug/pprof/goroutine?seconds=x"), 400, invalid);
        assertError(get("/debug/pprof/goroutine?seconds=5"), 400,
                "\"seconds\" parameter is not supported for this profile type");
        assertError(get("/debug/pprof/allocs?seconds=61"), 400,
                "profile duration exceeds the maximum of 60 seconds");
        assertError(get("/debug/pprof/allocs?seconds=5&debug=1"), 400, "seconds and debug params are incompatible");
        assertEquals(-1, allocs.askedSeconds, "no rejected request reached the profile");
    }

    @Test
    void anEmptySecondsIsIgnoredAsGoDoes() throws Exception {
        Response r = get("/debug/pprof/allocs?seconds=");
        assertEquals(200, r.status());
        assertArrayEquals(PPROF, r.body());
    }

    @Test
    void aValidDeltaIsAnAttachmentNamedDelta() throws Exception {
        Response r = get("/debug/pprof/allocs?seconds=2");
        assertEquals(200, r.status());
        assertEquals(2, allocs.askedSeconds);
        assertEquals("attachment; filename=\"allocs-delta\"", r.headers().get("Content-Disposition"));
        assertEquals("delta", r.bodyText());
    }

    @Test
    void symbolAndCmdline() throws Exception {
        Response symbol = get("/debug/pprof/symbol");
        assertEquals(200, symbol.status());
        assertEquals("num_symbols: 1\n", symbol.bodyText());
        assertEquals(200, Requests.serve(router, Requests.of("POST", "/debug/pprof/symbol")).status());
        Response cmdline = get("/debug/pprof/cmdline");
        assertEquals("java\u0000-jar\u0000x", cmdline.bodyText());
        assertEquals("text/plain; charset=utf-8", cmdline.headers().get("Content-Type"));
    }

    @Test
    void theIndexListsProfilesWithCountsAndEscapes() throws Exception {
        Response r = get("/debug/pprof/");
        assertEquals("text/html; charset=utf-8", r.headers().get("Content-Type"));
        String html = r.bodyText();
        assertContains(html, "<tr><td>42</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>");
        assertContains(html, "<tr><td>42</td><td><a href='allocs?debug=1'>allocs</a></td></tr>");
        assertContains(html, "<tr><td>0</td><td><a href='cmdline?debug=1'>cmdline</a></td></tr>");
        assertContains(html, "a &lt;test&gt; profile");
        assertContains(html, "goroutine?debug=2");
    }

    @Test
    void aPostToAProfileIs405() throws Exception {
        Response r = Requests.serve(router, Requests.of("POST", "/debug/pprof/goroutine"));
        assertEquals(405, r.status());
        assertEquals("GET", r.headers().get("Allow"));
    }

    private static void assertError(Response r, int status, String message) {
        assertEquals(status, r.status(), r.bodyText());
        assertEquals(message + "\n", r.bodyText());
        assertEquals("text/plain; charset=utf-8", r.headers().get("Content-Type"));
        assertEquals("1", r.headers().get("X-Go-Pprof"));
        assertEquals("nosniff", r.headers().get("X-Content-Type-Options"));
        assertNull(r.headers().get("Content-Disposition"));
    }

    private static void assertContains(String text, String fragment) {
        if (!text.contains(fragment)) {
            throw new AssertionError("missing '" + fragment + "' in:\n" + text);
        }
    }
}
