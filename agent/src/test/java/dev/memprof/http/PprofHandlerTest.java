package dev.memprof.http;

import dev.memprof.pprof.NamedProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Go's net/http/pprof texts and headers, through the real route table. */
@Timeout(10)
class PprofHandlerTest {

    private static final byte[] PPROF = {0x1f, (byte) 0x8b, 1, 2, 3};

    /** A profile that answers with fixed values and records what it was asked. */
    private static class FakeProfile implements NamedProfile {
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
        public byte[] delta(long seconds, BooleanSupplier cancelled) throws InterruptedException {
            askedSeconds = seconds;
            return "delta".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A reusable profile whose every build is a new one-byte body; counts its GCs; its delta waits for a latch. */
    private static final class CountingProfile extends FakeProfile {
        final CountDownLatch deltaStarted = new CountDownLatch(1);
        final CountDownLatch deltaRelease = new CountDownLatch(1);
        int builds;
        int collections;

        CountingProfile() {
            super("heap", true);
        }

        @Override
        public byte[] pprof() {
            return new byte[]{(byte) ++builds};
        }

        @Override
        public void collectGarbageFirst() {
            collections++;
        }

        @Override
        public boolean reusable() {
            return true;
        }

        @Override
        public byte[] delta(long seconds, BooleanSupplier cancelled) throws InterruptedException {
            deltaStarted.countDown();
            deltaRelease.await(5, TimeUnit.SECONDS);
            return super.delta(seconds, cancelled);
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

    @Test
    void aReusableProfileIsBuiltOnceAndServedWithoutATurnOfTheHeavyBound() throws Exception {
        CountingProfile heap = new CountingProfile();
        Router r = new Routes(60, 1).profile(heap).build(List.of("java"));
        assertArrayEquals(new byte[]{1}, Requests.serve(r, Requests.get("/debug/pprof/heap")).body());
        assertArrayEquals(new byte[]{1}, Requests.serve(r, Requests.get("/debug/pprof/heap?debug=0")).body());
        assertEquals(1, heap.builds);
        assertEquals("text debug=1\n", Requests.serve(r, Requests.get("/debug/pprof/heap?debug=1")).bodyText());

        CompletableFuture<Response> window = CompletableFuture.supplyAsync(() -> {
            try {
                return Requests.serve(r, Requests.get("/debug/pprof/heap?seconds=1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertTrue(heap.deltaStarted.await(5, TimeUnit.SECONDS), "the delta holds the only turn");
            assertArrayEquals(new byte[]{1}, Requests.serve(r, Requests.get("/debug/pprof/heap")).body(),
                    "served from the cache while the bound is full");
            assertEquals(429, Requests.serve(r, Requests.get("/debug/pprof/heap?gc=1")).status(),
                    "gc=1 needs a build, so it waits for a turn");
            assertEquals(0, heap.collections);
        } finally {
            heap.deltaRelease.countDown();
        }
        assertEquals("delta", window.get(5, TimeUnit.SECONDS).bodyText());
        Response afterGc = Requests.serve(r, Requests.get("/debug/pprof/heap?gc=1"));
        assertEquals(1, heap.collections);
        assertArrayEquals(new byte[]{2}, afterGc.body(), "gc=1 is built after its GC, never taken from the cache");
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
