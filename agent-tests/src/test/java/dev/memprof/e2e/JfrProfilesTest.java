package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.GoPprof;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.Stats;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ContentionTarget;
import dev.memprof.jfr.ProfileKind;
import dev.memprof.jfr.TimeWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JFR routes against a target doing known work: CPU in a known method against the target's own ThreadMXBean
 * figures, parking and monitor waits against the waits the target timed itself.
 */
@Timeout(180)
class JfrProfilesTest {

    private static final String TARGET = "dev.memprof.e2e.targets.ContentionTarget.";
    private static final String SPIN = TARGET + "spinHere";
    private static final String PARK = TARGET + "parkHere";
    private static final String ENTER = TARGET + "enterHere";
    private static final int WINDOW = 4;

    private static TargetJvm target;
    private static String base;
    private static DecodedProfile cpu;
    private static DecodedProfile block;
    private static DecodedProfile mutex;
    private static String goBlock;
    private static String goMutex;

    /** Takes the three windows at once (the machine is small): cpu, block and mutex, plus pprof's own fetches. */
    @BeforeAll
    static void start() throws Exception {
        target = TargetJvm.builder(ContentionTarget.class).agent("port=0").start();
        base = target.awaitBase(Duration.ofSeconds(30));
        // The target's truth sums the CPU of live threads: wait until the agent's start-up thread has ended.
        target.awaitFullCoverage(Duration.ofSeconds(60));
        target.awaitStdout("ready", Duration.ofSeconds(30));
        Thread.sleep(500); // let the JIT settle the spinner
        var cpuF = fetch("/profile?seconds=" + WINDOW);
        var blockF = fetch("/block?seconds=" + WINDOW);
        var mutexF = fetch("/mutex?seconds=" + WINDOW);
        var goBlockF = CompletableFuture.supplyAsync(() -> go("-raw", base + "/block?seconds=2"));
        var goMutexF = CompletableFuture.supplyAsync(() -> go("-raw", base + "/mutex?seconds=2"));
        cpu = DecodedProfile.parse(cpuF.join());
        block = DecodedProfile.parse(blockF.join());
        mutex = DecodedProfile.parse(mutexF.join());
        goBlock = goBlockF.join();
        goMutex = goMutexF.join();
        Thread.sleep(200); // the stat line after the last window
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static CompletableFuture<byte[]> fetch(String path) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Http.Reply r = Http.get(base + path, Duration.ofSeconds(60));
                assertEquals(200, r.status(), path + ": " + r.text());
                assertEquals("application/octet-stream", r.header("Content-Type"));
                return r.body();
            } catch (Exception e) {
                throw new AssertionError(path, e);
            }
        });
    }

    private static String go(String... args) {
        try {
            return GoPprof.run(args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long start(DecodedProfile p) {
        return p.raw().getTimeNanos();
    }

    private static long end(DecodedProfile p) {
        return p.raw().getTimeNanos() + p.raw().getDurationNanos();
    }

    @Test
    void cpuProfileIsTheKnownMethodAndMatchesMeasuredCpu() {
        assertEquals(List.of("samples/count", "cpu/nanoseconds"), cpu.sampleTypes());
        assertTrue(Math.abs(cpu.raw().getDurationNanos() - WINDOW * 1e9) < 0.5e9, "window length");
        long spinnerSamples = cpu.samples().stream().filter(s -> "known-spinner".equals(s.labels().get("thread")))
                .mapToLong(s -> s.values()[0]).sum();
        long inSpin = cpu.samples().stream().filter(s -> "known-spinner".equals(s.labels().get("thread"))
                && s.hasFunction(SPIN)).mapToLong(s -> s.values()[0]).sum();
        assertTrue(spinnerSamples >= 10 && inSpin >= 0.9 * spinnerSamples, inSpin + " of " + spinnerSamples);

        Stats stats = new Stats(target.stdout());
        double spinnerTruth = stats.interpolated(1, end(cpu)) - stats.interpolated(1, start(cpu));
        double allTruth = stats.interpolated(2, end(cpu)) - stats.interpolated(2, start(cpu));
        long spinnerCpu = cpu.samples().stream().filter(s -> "known-spinner".equals(s.labels().get("thread")))
                .mapToLong(s -> s.values()[1]).sum();
        long total = cpu.total("cpu/nanoseconds");
        assertTrue(Math.abs(spinnerCpu - spinnerTruth) <= 0.2 * spinnerTruth, spinnerCpu + " vs " + spinnerTruth);
        assertTrue(Math.abs(total - allTruth) <= 0.2 * allTruth, "total " + total + " vs " + allTruth);
        System.out.printf("cpu e2e: spinner %.3f of measured, total %.3f of measured, %d samples%n",
                spinnerCpu / spinnerTruth, total / allTruth, spinnerSamples);
    }

    @Test
    void goToolPprofReadsTheCpuProfile() {
        String raw = go("-raw", base + "/profile?seconds=2");
        assertTrue(raw.contains("PeriodType: cpu nanoseconds"), raw);
        assertTrue(raw.contains("samples/count cpu/nanoseconds"), raw);
        assertTrue(raw.contains(SPIN), raw);
    }

    /**
     * The parker thread's delay is within a quarter of the waits it timed itself, and the known method holds most
     * of it. (JFR loses the stack of an event now and then when recordings start and stop concurrently, as here;
     * such events stay on their thread under {@code [memprof: no stack]}.)
     */
    @Test
    void blockShowsTheKnownParkingWithinAQuarter() {
        assertEquals(List.of("contentions/count", "delay/nanoseconds"), block.sampleTypes());
        checkContention(block, "known-parker", PARK, 3);
        assertTrue(goBlock.contains(PARK) && goBlock.contains("contentions/count delay/nanoseconds"), goBlock);
    }

    @Test
    void mutexShowsTheContendedSynchronizedMethod() {
        checkContention(mutex, "known-enterer", ENTER, 4);
        assertTrue(goMutex.contains(ENTER), goMutex);
    }

    private static void checkContention(DecodedProfile p, String thread, String method, int statColumn) {
        Stats stats = new Stats(target.stdout());
        long truth = stats.stepAt(statColumn, end(p)) - stats.stepAt(statColumn, start(p));
        long threadDelay = p.samples().stream().filter(s -> thread.equals(s.labels().get("thread")))
                .mapToLong(s -> s.values()[1]).sum();
        long inMethod = p.samples().stream().filter(s -> thread.equals(s.labels().get("thread"))
                && s.hasFunction(method)).mapToLong(s -> s.values()[1]).sum();
        assertTrue(truth > 1e9, "the target waited: " + truth);
        assertTrue(Math.abs(threadDelay - truth) <= truth / 4, threadDelay + " vs known " + truth);
        assertTrue(inMethod >= 0.75 * threadDelay, inMethod + " of " + threadDelay + " in " + method);
        assertTrue(p.cumulative(method, "contentions/count") >= 5, "contentions");
        System.out.printf("%s e2e: thread delay %.3f of known wait, %.3f of it in %s%n", thread,
                (double) threadDelay / truth, (double) inMethod / threadDelay, method);
    }

    @Test
    void ringRecordingServesBlockMutexAndText() throws Exception {
        DecodedProfile ring = DecodedProfile.parse(Http.get(base + "/mutex").body());
        assertTrue(ring.cumulative(ENTER, "delay/nanoseconds") > 0);
        String text = Http.get(base + "/block?debug=1").text();
        assertTrue(text.startsWith("--- contention:\ncycles/second=1000000000\n"), text);
        assertTrue(text.contains(PARK), text);
    }

    @Test
    void secondCpuProfileGetsGosBusyError() {
        var first = fetch("/profile?seconds=3");
        sleepMillis(1000);
        try {
            Http.Reply second = Http.get(base + "/profile?seconds=1");
            assertEquals(500, second.status());
            assertEquals("Could not enable CPU profiling: cpu profiling already in use\n", second.text());
            assertEquals("1", second.header("X-Go-Pprof"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        first.join();
    }

    @Test
    void clientDisconnectEndsTheProfileEarly() throws Exception {
        long t0 = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> Http.get(base + "/profile?seconds=60", Duration.ofSeconds(1)));
        // The agent notices the closed connection within moments; until then a new profile is "already in use".
        Http.Reply next;
        do {
            next = Http.get(base + "/profile?seconds=1", Duration.ofSeconds(20));
        } while (next.status() == 500 && System.nanoTime() - t0 < 15e9);
        assertEquals(200, next.status(), next.text());
        assertTrue(System.nanoTime() - t0 < 15e9, "the abandoned 60 s profile released the CPU profiler early");
    }

    @Test
    void durationsOverTheMaximumAreRejected() throws Exception {
        for (String path : List.of("/profile?seconds=301", "/trace?seconds=301", "/block?seconds=301",
                "/jfr?type=cpu&seconds=301")) {
            Http.Reply r = Http.get(base + path);
            assertEquals(400, r.status(), path);
            assertEquals("profile duration exceeds the maximum of 300 seconds\n", r.text(), path);
        }
        assertEquals(400, Http.get(base + "/jfr?type=heap").status());
        assertEquals(400, Http.get(base + "/jfr?type=cpu&seconds=x").status());
    }

    @Test
    void traceIsARawRecordingThatConverts() throws Exception {
        Http.Reply r = Http.get(base + "/trace?seconds=1");
        assertEquals(200, r.status());
        assertEquals("attachment; filename=\"trace\"", r.header("Content-Disposition"));
        assertEquals("FLR", new String(r.body(), 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
        Path f = Files.createTempFile("memprof-trace", ".jfr");
        try {
            Files.write(f, r.body());
            var profile = ProfileKind.CPU.converter(TimeWindow.ALL).convert(f).build();
            assertTrue(profile.getSampleCount() > 0, "the trace holds execution samples");
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void jfrRouteServesAnyTypeOverAWindow() throws Exception {
        DecodedProfile alloc = DecodedProfile.parse(Http.get(base + "/jfr?type=alloc&seconds=1").body());
        assertEquals(List.of("alloc_objects/count", "alloc_space/bytes"), alloc.sampleTypes());
        DecodedProfile wall = DecodedProfile.parse(Http.get(base + "/jfr?type=wall").body());
        assertTrue(wall.cumulative(SPIN, "samples/count") > 0, "the ring has execution samples");
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
