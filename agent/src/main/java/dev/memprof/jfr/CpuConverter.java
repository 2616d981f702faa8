package dev.memprof.jfr;

import dev.memprof.pprof.SampleType;
import jdk.jfr.consumer.RecordedEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * {@code cpu}: {@code jdk.ExecutionSample}, or {@code jdk.CPUTimeSample} (JDK 25) when the recording has any, as
 * {@code [samples/count, cpu/nanoseconds]}.
 *
 * <p>Calibration. JFR's sampler takes far fewer samples than its period promises (a busy thread may get 14 a
 * second at a 10 ms period), so count x period under-reports. When each thread's CPU time over the window is
 * known, that thread's nanoseconds are shared out over its samples in proportion to their counts, and CPU time of
 * threads JFR never sampled appears under one {@code [memprof: cpu not sampled by JFR]} frame. The times come from
 * the caller (the agent measures them with {@code ThreadMXBean}) or, for files, from {@code jdk.ThreadCPULoad}
 * events ({@link ThreadCpuLoadEstimate}). Threads without a known time keep count x period
 * ({@code CPUTimeSample}'s own sampling period, when that is the source).
 */
public final class CpuConverter extends JfrConverter {

    static final String EXECUTION = "jdk.ExecutionSample";
    static final String CPU_TIME = "jdk.CPUTimeSample";
    static final String UNSAMPLED = "[memprof: cpu not sampled by JFR]";
    /** Used when the recording states no period: JFR's "profile" setting and async-profiler's default. */
    static final long DEFAULT_PERIOD_NANOS = 10_000_000L;
    private static final long MIN_UNSAMPLED_NANOS = 1_000_000L;

    // Row values while reading: execution samples, CPU-time samples, CPU-time samples' summed periods (ns).
    private static final int EXEC = 0;
    private static final int CPUTIME = 1;
    private static final int CPUTIME_NANOS = 2;

    private final ThreadCpuTimes measured;
    private final ThreadCpuLoadEstimate loadEstimate = new ThreadCpuLoadEstimate();
    private long executionTypeId = -1;
    private long cpuTimeSamples;

    /** @param measured each thread's CPU time over the window, or null to estimate it from the file */
    public CpuConverter(TimeWindow window, ThreadCpuTimes measured) {
        super(window, List.of(SampleType.SAMPLES, SampleType.CPU), 3);
        this.measured = measured;
    }

    @Override
    protected Map<String, Consumer<RecordedEvent>> handlers() {
        Map<String, Consumer<RecordedEvent>> h = new HashMap<>();
        h.put(EXECUTION, e -> {
            executionTypeId = e.getEventType().getId();
            table.row(stackOf(e), threadOf(e, sampledThread))[EXEC]++;
        });
        h.put(CPU_TIME, e -> {
            if (e.getBoolean("failed")) {
                return;
            }
            cpuTimeSamples++;
            long[] row = table.row(stackOf(e), threadOf(e, eventThread));
            row[CPUTIME]++;
            row[CPUTIME_NANOS] += e.getDuration("samplingPeriod").toNanos();
        });
        if (measured == null) {
            h.put(ThreadCpuLoadEstimate.LOAD, loadEstimate::acceptLoad);
            h.put(ThreadCpuLoadEstimate.CPU_INFO, loadEstimate::acceptCpuInfo);
            h.put(ThreadCpuLoadEstimate.CONTAINER, loadEstimate::acceptContainer);
        }
        return h;
    }

    @Override
    protected void finish() {
        boolean useCpuTime = cpuTimeSamples > 0;
        OptionalLong stated = settings.period(executionTypeId);
        long period = useCpuTime || stated.isEmpty() ? DEFAULT_PERIOD_NANOS : stated.getAsLong();
        ThreadCpuTimes cpu = measured != null ? measured : loadEstimate.estimate(settings);

        Map<Long, Long> samplesPerThread = new HashMap<>();
        table.forEach((ids, thread, tag, v) -> samplesPerThread.merge(thread.javaId(),
                useCpuTime ? v[CPUTIME] : v[EXEC], Long::sum));
        table.forEach((ids, thread, tag, v) -> {
            long n = useCpuTime ? v[CPUTIME] : v[EXEC];
            if (n == 0) {
                return;
            }
            ThreadCpuTimes.Entry known = cpu.get(thread.javaId());
            long nanos;
            if (known != null && known.nanos() > 0) {
                nanos = Math.round((double) known.nanos() * n / samplesPerThread.get(thread.javaId()));
            } else {
                nanos = useCpuTime ? v[CPUTIME_NANOS] : n * period;
            }
            builder.addSample(ids, new long[]{n, nanos}, labels(thread, null, null));
        });
        cpu.all().forEach((id, entry) -> {
            if (!samplesPerThread.containsKey(id) && entry.nanos() >= MIN_UNSAMPLED_NANOS) {
                builder.addSample(new long[]{builder.location(dev.memprof.pprof.Frame.synthetic(UNSAMPLED))},
                        new long[]{0, entry.nanos()}, labels(new SampleTable.ThreadRef(id, entry.name()), null, null));
            }
        });
        builder.period(SampleType.CPU, period);
        builder.comment(calibrationNote(useCpuTime, measured != null, cpu.isEmpty()));
    }

    private static String calibrationNote(boolean cpuTime, boolean measured, boolean noTimes) {
        String source = cpuTime ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        if (noTimes) {
            return source + "; cpu = samples x period (no per-thread CPU times to calibrate against)";
        }
        return source + "; cpu calibrated per thread against "
                + (measured ? "ThreadMXBean CPU time" : "jdk.ThreadCPULoad estimates");
    }
}
