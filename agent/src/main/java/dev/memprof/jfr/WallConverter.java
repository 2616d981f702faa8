package dev.memprof.jfr;

import dev.memprof.pprof.SampleType;
import jdk.jfr.consumer.RecordedEvent;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code wall}: threads running Java code ({@code jdk.ExecutionSample}) and threads in native methods
 * ({@code jdk.NativeMethodSample}) together, as {@code [samples/count, wall/nanoseconds]}; each sample stands for
 * its event type's period. JFR samples a bounded number of threads per period, so this is a view of where threads
 * spend time, not a per-thread clock.
 */
public final class WallConverter extends JfrConverter {

    static final String NATIVE = "jdk.NativeMethodSample";
    static final SampleType WALL = new SampleType("wall", "nanoseconds");
    /** Used when the recording states no period: JFR's default for both sample events. */
    static final long DEFAULT_PERIOD_NANOS = 20_000_000L;

    private long executionTypeId = -1;
    private long nativeTypeId = -1;

    public WallConverter(TimeWindow window) {
        super(window, List.of(SampleType.SAMPLES, WALL), 2);
    }

    @Override
    protected Map<String, Consumer<RecordedEvent>> handlers() {
        return Map.of(
                CpuConverter.EXECUTION, e -> {
                    executionTypeId = e.getEventType().getId();
                    table.row(stackOf(e), threadOf(e, sampledThread))[0]++;
                },
                NATIVE, e -> {
                    nativeTypeId = e.getEventType().getId();
                    table.row(stackOf(e), threadOf(e, sampledThread))[1]++;
                });
    }

    @Override
    protected void finish() {
        long javaPeriod = settings.period(executionTypeId).orElse(DEFAULT_PERIOD_NANOS);
        long nativePeriod = settings.period(nativeTypeId).orElse(DEFAULT_PERIOD_NANOS);
        table.forEach((ids, thread, tag, v) -> builder.addSample(ids,
                new long[]{v[0] + v[1], v[0] * javaPeriod + v[1] * nativePeriod}, labels(thread, null, null)));
        builder.period(WALL, javaPeriod);
    }
}
