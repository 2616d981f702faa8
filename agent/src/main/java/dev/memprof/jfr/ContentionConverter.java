package dev.memprof.jfr;

import dev.memprof.pprof.SampleType;
import jdk.jfr.consumer.RecordedEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shared shape of {@code block} and {@code mutex}: each event is one contention that lasted its duration, so
 * the profile is {@code [contentions/count, delay/nanoseconds]} like Go's. Only events over the recording's
 * threshold exist, so short waits are missing from both values.
 */
public abstract class ContentionConverter extends JfrConverter {

    private final Set<String> events;

    protected ContentionConverter(TimeWindow window, Set<String> events) {
        super(window, List.of(SampleType.CONTENTIONS, SampleType.DELAY), 2);
        this.events = events;
    }

    @Override
    protected final Map<String, Consumer<RecordedEvent>> handlers() {
        Map<String, Consumer<RecordedEvent>> h = new HashMap<>();
        for (String name : events) {
            h.put(name, e -> {
                long[] row = table.row(stackOf(e), threadOf(e, eventThread));
                row[0]++;
                row[1] += nanos(e);
            });
        }
        return h;
    }

    @Override
    protected final void finish() {
        table.forEach((ids, thread, tag, v) -> builder.addSample(ids, v.clone(), labels(thread, null, null)));
        builder.period(SampleType.CONTENTIONS, 1);
    }
}
