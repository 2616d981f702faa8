package dev.memprof.jfr;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Converters against quantities the test itself produced, in a recording made in this JVM: CPU spent in a known
 * method, known waits on a lock and a monitor, known allocation.
 */
@Timeout(120)
class ConverterKnownTruthTest {

    private static final String SPIN = "dev.memprof.jfr.Workload.spinHere";
    private static final String PARK = "dev.memprof.jfr.Workload.parkHere";
    private static final String ENTER = "dev.memprof.jfr.Workload.enterHere";
    private static final String ALLOCATE = "dev.memprof.jfr.Workload.allocateHere";

    @TempDir
    static Path dir;
    private static Path cpuRecording;
    private static long spinnerId;
    private static long spinnerCpu;
    private static Path contentionRecording;
    private static long[] waited;

    @BeforeAll
    static void record() throws Exception {
        Map<String, String> cpuSettings = RecordingSettings.window(ProfileKind.CPU);
        long[] cpu = new long[1];
        Thread spinner = new Thread(() -> cpu[0] = Workload.spinFor(3000), "known-spinner");
        cpuRecording = Recordings.inProcess(dir, cpuSettings, () -> {
            spinner.start();
            spinner.join();
        });
        spinnerId = spinner.getId();
        spinnerCpu = cpu[0];
        Map<String, String> contention = new java.util.HashMap<>(ProfileKind.BLOCK.settings());
        contention.putAll(ProfileKind.MUTEX.settings());
        contentionRecording = Recordings.inProcess(dir, contention, () -> waited = Workload.contend(8, 100));
    }

    @Test
    void cpuCalibratedAgainstMeasuredTimeMatchesIt() throws Exception {
        ThreadCpuTimes measured = new ThreadCpuTimes(Map.of(spinnerId,
                new ThreadCpuTimes.Entry("known-spinner", spinnerCpu)));
        Profiles p = Profiles.of(new CpuConverter(TimeWindow.ALL, measured).convert(cpuRecording));
        assertEquals(java.util.List.of("samples/count", "cpu/nanoseconds"), p.types);
        long threadCpu = p.ofThread("known-spinner", "cpu/nanoseconds");
        assertTrue(Math.abs(threadCpu - spinnerCpu) <= spinnerCpu / 100, threadCpu + " vs measured " + spinnerCpu);
        long samples = p.ofThread("known-spinner", "samples/count");
        long inSpin = p.sum(s -> "known-spinner".equals(s.labels().get("thread")) && s.has(SPIN), "samples/count");
        assertTrue(samples >= 20, "samples: " + samples);
        assertTrue(inSpin >= 0.9 * samples, inSpin + " of " + samples + " samples in " + SPIN);
    }

    @Test
    void cpuFromAFileIsCalibratedByThreadCpuLoadEstimates() throws Exception {
        Profiles p = Profiles.of(ProfileKind.CPU.converter(TimeWindow.ALL).convert(cpuRecording));
        long threadCpu = p.ofThread("known-spinner", "cpu/nanoseconds");
        // jdk.ThreadCPULoad each second stands for the second before it, so over a 3 s thread the estimate is good
        // to about one period (a third) either way, and worse on a loaded machine.
        assertTrue(threadCpu >= 0.55 * spinnerCpu && threadCpu <= 1.45 * spinnerCpu,
                threadCpu + " vs measured " + spinnerCpu);
        assertTrue(p.comments().stream().anyMatch(c -> c.contains("jdk.ThreadCPULoad")), p.comments().toString());
    }

    @Test
    void blockShowsTheKnownParkTime() throws Exception {
        Profiles p = Profiles.of(ProfileKind.BLOCK.converter(TimeWindow.ALL).convert(contentionRecording));
        assertEquals(java.util.List.of("contentions/count", "delay/nanoseconds"), p.types);
        long delay = p.cumulative(PARK, "delay/nanoseconds");
        assertTrue(Math.abs(delay - waited[0]) <= waited[0] / 4, delay + " vs known " + waited[0]);
        assertTrue(p.cumulative(PARK, "contentions/count") >= 8);
    }

    @Test
    void mutexShowsTheKnownMonitorWait() throws Exception {
        Profiles p = Profiles.of(ProfileKind.MUTEX.converter(TimeWindow.ALL).convert(contentionRecording));
        long delay = p.cumulative(ENTER, "delay/nanoseconds");
        assertTrue(Math.abs(delay - waited[1]) <= waited[1] / 4, delay + " vs known " + waited[1]);
        assertTrue(p.samples.stream().filter(s -> s.has(ENTER)).allMatch(s -> s.labels().get("thread")
                .equals("known-enterer")));
    }

    @Test
    void allocSumsTheSampleWeights() throws Exception {
        // A fresh thread: a sample's weight counts everything its thread allocated since its previous sample,
        // even before the recording started.
        long[] known = new long[1];
        Thread allocator = new Thread(() -> known[0] = Workload.allocateHere(512L << 20, 256 * 1024),
                "known-allocator");
        // Throttled hard enough that every allocation sample is kept: this checks the converter's sums, not how
        // JFR's throttle spreads weight (ChildRecordingTest covers a throttled recording).
        Map<String, String> settings = new java.util.HashMap<>(ProfileKind.ALLOC.settings());
        settings.put("jdk.ObjectAllocationSample#throttle", "1000000/s");
        Path jfr = Recordings.inProcess(dir, settings, () -> {
            allocator.start();
            allocator.join();
        });
        Profiles p = Profiles.of(ProfileKind.ALLOC.converter(TimeWindow.ALL).convert(jfr));
        assertEquals(java.util.List.of("alloc_objects/count", "alloc_space/bytes"), p.types);
        long bytes = p.cumulative(ALLOCATE, "alloc_space/bytes");
        assertTrue(Math.abs(bytes - known[0]) <= known[0] / 5, bytes + " vs known " + known[0]);
        assertTrue(p.samples.stream().filter(s -> s.has(ALLOCATE)).allMatch(s -> "byte[]".equals(
                s.labels().get("object"))), "object label");
    }

    @Test
    void timeWindowKeepsOnlyEventsInside() throws Exception {
        java.time.Instant farFuture = java.time.Instant.now().plusSeconds(3600);
        Profiles p = Profiles.of(ProfileKind.BLOCK.converter(new TimeWindow(farFuture, null))
                .convert(contentionRecording));
        assertEquals(0, p.samples.size());
        Profiles all = Profiles.of(ProfileKind.BLOCK.converter(new TimeWindow(null, farFuture))
                .convert(contentionRecording));
        assertTrue(all.cumulative(PARK, "delay/nanoseconds") > 0);
    }

    static long threadCpuNow() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
