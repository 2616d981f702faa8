package dev.memprof.e2e;

import dev.memprof.e2e.harness.Cli;
import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.GoPprof;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.FirstLinesTarget;
import dev.memprof.e2e.targets.KnownAllocationsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static dev.memprof.e2e.harness.Tolerance.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known-truth accuracy of the heap and allocs profiles at the default rate, under premain and under dynamic attach:
 * the target allocates exactly known amounts in known methods, and the unsampled estimates must match.
 */
@Timeout(240)
class AllocationAccuracyTest {

    private static final long RATE = 512 * 1024;
    private static final String T = "dev.memprof.e2e.targets.KnownAllocationsTarget.";
    private static final long BYTES_TRUTH = (long) KnownAllocationsTarget.BYTE_ARRAYS * 1016;
    private static final long POINTS_TRUTH = (long) KnownAllocationsTarget.POINTS * 40;
    private static final long RETAINED_TRUTH = (long) KnownAllocationsTarget.RETAINED_ARRAYS * 4112;

    @Test
    void premainEstimatesMatchKnownAllocations() throws Exception {
        try (TargetJvm t = TargetJvm.builder(KnownAllocationsTarget.class).jvmArg("-Xmx2g").agent("port=0").start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            t.awaitStdout("ready", Duration.ofSeconds(30));
            checkAccuracy(t, base);
            checkGoToolPprofAgrees(base);
        }
    }

    /**
     * Sampling is on when premain returns: what the first lines of main retain and churn, before the agent even
     * listens, is in the profiles (this was 0 MiB retained and 10% short of the churn while sampling waited for
     * the rewriting of the JDK's classes).
     */
    @Test
    void premainSeesAllocationsFromTheFirstLineOfMain() throws Exception {
        String f = FirstLinesTarget.class.getName() + ".";
        long retained = (long) FirstLinesTarget.RETAINED_ARRAYS * 8208;
        long churned = (long) FirstLinesTarget.CHURNED_ARRAYS * 1016;
        try (TargetJvm t = TargetJvm.builder(FirstLinesTarget.class).jvmArg("-Xmx2g").agent("port=0").start()) {
            t.awaitStdout("ready", Duration.ofSeconds(60));
            String base = t.awaitBase(Duration.ofSeconds(60));
            DecodedProfile allocs = DecodedProfile.parse(Http.get(base + "/allocs").body());
            assertWithin("byte[1000] churned from main's first lines", churned,
                    allocs.flat(f + "churnAtStart", "alloc_space/bytes"), 0.10, RATE, churned);
            DecodedProfile heap = DecodedProfile.parse(Http.get(base + "/heap?gc=1").body());
            assertWithin("byte[8192] retained from main's first line", retained,
                    heap.flat(f + "retainAtStart", "inuse_space/bytes"), 0.10, RATE, retained);
            assertWithin("byte[8192] allocated from main's first line", retained,
                    heap.flat(f + "retainAtStart", "alloc_space/bytes"), 0.10, RATE, retained);
        }
    }

    @Test
    void attachedAgentEstimatesAllocationsMadeAfterTheAttach() throws Exception {
        try (TargetJvm t = TargetJvm.builder(KnownAllocationsTarget.class).jvmArg("-Xmx2g")
                .jvmArg("-XX:+EnableDynamicAgentLoading").start()) {
            t.awaitStdout("ready", Duration.ofSeconds(30));
            Cli.Result r = Cli.run(Duration.ofSeconds(90), "attach", String.valueOf(t.pid()), "port=0");
            assertEquals(0, r.exit(), r.stderr());
            String url = r.stdout().trim();
            // The target's classes were loaded before the attach: they sample once rewritten, in paced batches.
            t.awaitFullCoverage(Duration.ofSeconds(90));
            checkAccuracy(t, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        }
    }

    private static void checkAccuracy(TargetJvm t, String base) throws Exception {
        t.command("bytes", Duration.ofSeconds(60));
        t.command("points", Duration.ofSeconds(60));
        t.command("retain", Duration.ofSeconds(60));

        DecodedProfile allocs = DecodedProfile.parse(Http.get(base + "/allocs").body());
        assertEquals("alloc_space", allocs.defaultSampleType());
        assertWithin("byte[1000] alloc_space", BYTES_TRUTH,
                allocs.flat(T + "churnByteArrays", "alloc_space/bytes"), 0.10, RATE, BYTES_TRUTH);
        assertWithin("byte[1000] alloc_objects", KnownAllocationsTarget.BYTE_ARRAYS,
                allocs.flat(T + "churnByteArrays", "alloc_objects/count"), 0.10, RATE, BYTES_TRUTH);
        assertWithin("Point alloc_space", POINTS_TRUTH,
                allocs.flat(T + "churnPoints", "alloc_space/bytes"), 0.10, RATE, POINTS_TRUTH);
        assertWithin("Point alloc_objects", KnownAllocationsTarget.POINTS,
                allocs.flat(T + "churnPoints", "alloc_objects/count"), 0.10, RATE, POINTS_TRUTH);
        assertTrue(allocs.samples().stream().filter(s -> s.leaf().equals(T + "churnPoints"))
                .allMatch(s -> s.labels().get("object").equals(KnownAllocationsTarget.Point.class.getName())
                        && s.numLabels().get("bytes") == 40), "Point samples carry object and bytes labels");

        DecodedProfile heap = DecodedProfile.parse(Http.get(base + "/heap?gc=1").body());
        assertEquals(null, heap.defaultSampleType(), "heap defaults to inuse_space");
        assertWithin("retained inuse_space", RETAINED_TRUTH,
                heap.flat(T + "retain", "inuse_space/bytes"), 0.10, RATE, RETAINED_TRUTH);
        long churnAlloc = heap.flat(T + "churnByteArrays", "alloc_space/bytes")
                + heap.flat(T + "churnPoints", "alloc_space/bytes");
        long churnInuse = heap.flat(T + "churnByteArrays", "inuse_space/bytes")
                + heap.flat(T + "churnPoints", "inuse_space/bytes");
        assertTrue(churnInuse < 0.02 * churnAlloc, "garbage in use after gc=1: " + churnInuse + " of " + churnAlloc);
    }

    private static void checkGoToolPprofAgrees(String base) throws Exception {
        String top = GoPprof.run("-sample_index=alloc_space", "-top", "-unit=MB", base + "/heap");
        String line = top.lines().filter(l -> l.endsWith(T + "churnByteArrays")).findFirst()
                .orElseThrow(() -> new AssertionError("churnByteArrays missing from go tool pprof -top:\n" + top));
        double flatMb = Double.parseDouble(line.trim().split("\\s+")[0].replace("MB", ""));
        assertWithin("go tool pprof flat MB", BYTES_TRUTH / 1_000_000, (long) flatMb, 0.10, RATE, BYTES_TRUTH);
    }
}
