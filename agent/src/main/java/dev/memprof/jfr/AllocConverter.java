package dev.memprof.jfr;

import dev.memprof.pprof.SampleType;
import jdk.jfr.consumer.RecordedEvent;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code alloc}: {@code jdk.ObjectAllocationSample} (each event's {@code weight} is the bytes it stands for), or,
 * when the recording has none, the TLAB events ({@code tlabSize} for an allocation that took a new TLAB, else
 * {@code allocationSize}; async-profiler writes its samples this way), as
 * {@code [alloc_objects/count, alloc_space/bytes]}. {@code alloc_objects} counts sampled events, not estimated
 * objects. The allocated class is the {@code object} label.
 */
public final class AllocConverter extends JfrConverter {

    static final String SAMPLE = "jdk.ObjectAllocationSample";
    static final String IN_NEW_TLAB = "jdk.ObjectAllocationInNewTLAB";
    static final String OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";

    private final EventField weight = EventField.named("weight");
    private final EventField tlabSize = EventField.named("tlabSize");
    private final EventField allocationSize = EventField.named("allocationSize");
    private final EventField objectClass = EventField.named("objectClass");

    // Row values while reading: sample events and bytes, then TLAB events and bytes.
    private long sampleEvents;

    public AllocConverter(TimeWindow window) {
        super(window, List.of(SampleType.ALLOC_OBJECTS, SampleType.ALLOC_SPACE), 4);
    }

    @Override
    protected Map<String, Consumer<RecordedEvent>> handlers() {
        return Map.of(
                SAMPLE, e -> {
                    sampleEvents++;
                    add(e, 0, longOf(e, weight));
                },
                IN_NEW_TLAB, e -> {
                    long tlab = longOf(e, tlabSize);
                    add(e, 2, tlab > 0 ? tlab : longOf(e, allocationSize));
                },
                OUTSIDE_TLAB, e -> add(e, 2, longOf(e, allocationSize)));
    }

    private void add(RecordedEvent e, int at, long bytes) {
        long[] row = table.row(stackOf(e), threadOf(e, eventThread), classOf(e, objectClass));
        row[at]++;
        row[at + 1] += bytes;
    }

    @Override
    protected void finish() {
        int at = sampleEvents > 0 ? 0 : 2;
        table.forEach((ids, thread, tag, v) -> {
            if (v[at] > 0) {
                builder.addSample(ids, new long[]{v[at], v[at + 1]}, labels(thread, "object", tag));
            }
        });
        builder.period(SampleType.ALLOC_SPACE, 1).defaultSampleType(SampleType.ALLOC_SPACE);
    }
}
