package dev.memprof.jfr;

import one.convert.Arguments;
import one.convert.JfrToPprof;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with async-profiler's own converter ({@code jfr-converter}, tests only) on a recording made by
 * async-profiler and on one made by the JDK: total allocated bytes, and every Java method's cumulative bytes and
 * CPU samples, agree within 1%.
 */
@Timeout(180)
class AsyncProfilerParityTest {

    private static final String SPIN = "dev.memprof.jfr.Workload.spinHere";

    @TempDir
    static Path dir;
    private static Recordings.Child asyncProfiler;
    private static Recordings.Child jdk;

    @BeforeAll
    static void record() throws Exception {
        asyncProfiler = Recordings.asyncProfilerRecording(dir, 2000);
        jdk = Recordings.jdkRecording(dir, Recordings.currentJava(), "settings=profile", 1000);
    }

    @Test
    void asyncProfilerRecordingConverts() throws Exception {
        Profiles cpu = Profiles.of(ProfileKind.CPU.converter(TimeWindow.ALL).convert(asyncProfiler.jfr()));
        long spinner = cpu.ofThread("known-spinner", "samples/count");
        assertTrue(spinner >= 20 && cpu.cumulative(SPIN, "samples/count") >= 0.9 * spinner,
                cpu.cumulative(SPIN, "samples/count") + " of " + spinner);
        Profiles mutex = Profiles.of(ProfileKind.MUTEX.converter(TimeWindow.ALL).convert(asyncProfiler.jfr()));
        assertTrue(mutex.cumulative("dev.memprof.jfr.Workload.enterHere", "delay/nanoseconds") > 0);
    }

    @Test
    void allocMatchesJfrConverterOnAnAsyncProfilerRecording() throws Exception {
        compare(asyncProfiler.jfr(), ProfileKind.ALLOC, 1, "--alloc", "--total");
    }

    @Test
    void allocMatchesJfrConverterOnAJdkRecording() throws Exception {
        compare(jdk.jfr(), ProfileKind.ALLOC, 1, "--alloc", "--total");
    }

    /** jfr-converter 4.2 emits no CPU samples for a JDK-made recording, so CPU parity is on async-profiler's. */
    @Test
    void cpuSampleCountsMatchJfrConverter() throws Exception {
        compare(asyncProfiler.jfr(), ProfileKind.CPU, 0, "--cpu");
    }

    /** Our value at {@code ourIndex} against the reference's only value, in total and per Java method. */
    private static void compare(Path jfr, ProfileKind kind, int ourIndex, String... options) throws Exception {
        Profiles ours = Profiles.of(kind.converter(TimeWindow.ALL).convert(jfr));
        Path refFile = dir.resolve("reference-" + System.nanoTime() + ".pb.gz");
        String[] args = new String[options.length + 3];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--dot";
        args[options.length + 1] = "-o";
        args[options.length + 2] = "pprof";
        JfrToPprof.convert(jfr.toString(), refFile.toString(), new Arguments(args));
        Profiles ref = Profiles.read(refFile);

        long ourTotal = ours.samples.stream().mapToLong(s -> s.values()[ourIndex]).sum();
        long refTotal = ref.samples.stream().mapToLong(s -> s.values()[0]).sum();
        assertTrue(refTotal > 0, "reference has data");
        assertWithin(ourTotal, refTotal, kind + " total");

        Map<String, Long> ourByFunction = ours.cumulativeByFunction(ourIndex);
        Map<String, Long> refByFunction = ref.cumulativeByFunction(0);
        int compared = 0;
        for (Map.Entry<String, Long> e : refByFunction.entrySet()) {
            String f = e.getKey();
            if (!isJavaMethod(f) || e.getValue() < refTotal / 1000) {
                continue; // class frames (the reference's allocated-type leaves), native frames, the tiny tail
            }
            assertWithin(ourByFunction.getOrDefault(f, 0L), e.getValue(), kind + " " + f);
            compared++;
        }
        assertTrue(compared >= 3, "compared " + compared + " functions");
    }

    private static boolean isJavaMethod(String f) {
        return f.contains(".") && !f.endsWith("[]") && !f.contains(" ") && !f.startsWith("[")
                && Character.isLowerCase(f.charAt(f.lastIndexOf('.') + 1)) || f.endsWith(".<init>");
    }

    private static void assertWithin(long ours, long ref, String what) {
        assertTrue(Math.abs(ours - ref) <= Math.max(1, ref / 100), what + ": ours " + ours + ", reference " + ref);
    }
}
