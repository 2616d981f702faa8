package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.KnownAllocationsTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static dev.memprof.e2e.harness.Tolerance.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attribution inside the JDK, custom class loaders, delta profiles, the legacy text and Go's parameter errors. */
@Timeout(180)
class HeapRoutesTest {

    private static final String T = "dev.memprof.e2e.targets.KnownAllocationsTarget.";
    private static TargetJvm target;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        target = TargetJvm.builder(KnownAllocationsTarget.class).jvmArg("-Xmx1g")
                .jvmArg("-Xverify:all") // the rewritten JDK and application classes must pass the verifier
                .agent("port=0").start();
        base = target.awaitBase(Duration.ofSeconds(60));
        target.awaitStdout("ready", Duration.ofSeconds(30));
        target.awaitFullCoverage(Duration.ofSeconds(90)); // ArrayList and HashMap were loaded before the agent
        target.command("jdk", Duration.ofSeconds(60));
        target.command("loader", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void jdkAllocationsHaveTheJdkFrameAsLeafAndTheCallerBelow() throws Exception {
        DecodedProfile p = DecodedProfile.parse(Http.get(base + "/allocs").body());
        for (String jdkLeaf : new String[]{"java.util.ArrayList.grow", "java.util.HashMap.resize"}) {
            DecodedProfile.Sample s = p.samples().stream()
                    .filter(x -> x.leaf().equals(jdkLeaf) && x.hasFunction(T + "useJdkCollections"))
                    .findFirst().orElseThrow(() -> new AssertionError("no sample with leaf " + jdkLeaf));
            DecodedProfile.Frame leaf = s.frames().get(0);
            assertTrue(leaf.file().startsWith("java/util/") && leaf.line() > 0, "file and line of " + leaf);
        }
        assertTrue(p.samples().stream().anyMatch(s -> s.hasFunction("java.lang.StringBuilder.toString")
                        && s.hasFunction(T + "useJdkCollections") && s.leaf().startsWith("java.lang.")),
                "StringBuilder.toString's copy attributed inside the JDK");
    }

    @Test
    void classFromCustomLoaderIsInstrumented() throws Exception {
        DecodedProfile p = DecodedProfile.parse(Http.get(base + "/allocs").body());
        long truth = 128L * 1024 * 2064;
        assertWithin("custom loader byte[2048]", truth,
                p.flat(T.replace("KnownAllocationsTarget.", "KnownAllocationsTarget$Work.run"), "alloc_space/bytes"),
                0.15, 512 * 1024, truth);
    }

    @Test
    void deltaProfileCoversOnlyTheWindow() throws Exception {
        CompletableFuture<Http.Reply> delta = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(base + "/allocs?seconds=4");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1000);
        target.command("bytes", Duration.ofSeconds(30));
        Http.Reply r = delta.get();
        assertEquals(200, r.status());
        assertEquals("attachment; filename=\"allocs-delta\"", r.header("Content-Disposition"));
        DecodedProfile p = DecodedProfile.parse(r.body());
        long truth = (long) KnownAllocationsTarget.BYTE_ARRAYS * 1016;
        assertWithin("delta byte[1000]", truth, p.flat(T + "churnByteArrays", "alloc_space/bytes"), 0.10,
                512 * 1024, truth);
        assertEquals(0, p.flat(T + "useJdkCollections", "alloc_space/bytes"), "before the window");
        assertTrue(p.raw().getDurationNanos() >= 4_000_000_000L);
    }

    @Test
    void legacyTextHasGoHeaderRecordsAndMemStats() throws Exception {
        Http.Reply r = Http.get(base + "/heap?debug=1");
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        String text = r.text();
        assertTrue(text.matches("(?s)heap profile: \\d+: \\d+ \\[\\d+: \\d+\\] @ heap/1048576\n.*"), text.lines()
                .findFirst().orElse(""));
        assertTrue(text.contains("\t" + T + "useJdkCollections+0x0\tdev/memprof/e2e/targets/KnownAllocationsTarget.java:"));
        assertTrue(text.contains("\n# runtime.MemStats\n# Alloc = "));
    }

    @Test
    void badSecondsGetGoErrors() throws Exception {
        for (String bad : new String[]{"0", "-3", "abc", "1.5", "99999999999999999999"}) {
            Http.Reply r = Http.get(base + "/heap?seconds=" + bad);
            assertEquals(400, r.status(), bad);
            assertEquals("invalid value for \"seconds\" - must be a positive integer\n", r.text());
            assertEquals("1", r.header("X-Go-Pprof"));
        }
        Http.Reply both = Http.get(base + "/allocs?seconds=2&debug=1");
        assertEquals(400, both.status());
        assertEquals("seconds and debug params are incompatible\n", both.text());
        Http.Reply tooLong = Http.get(base + "/allocs?seconds=100000");
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.text().contains("maximum of 300 seconds"), tooLong.text());
    }
}
