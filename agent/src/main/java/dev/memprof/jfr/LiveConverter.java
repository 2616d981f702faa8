package dev.memprof.jfr;

import dev.memprof.pprof.SampleType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code live}: {@code jdk.OldObjectSample}, the sampled objects still alive when the recording was written, as
 * {@code [inuse_objects/count, inuse_space/bytes]} with the class as the {@code object} label. The size is the
 * event's {@code objectSize} (JDK 21 and later); JDK 17 records none, so there {@code inuse_space} is 0.
 */
public final class LiveConverter extends JfrConverter {

    static final String OLD_OBJECT = "jdk.OldObjectSample";

    public LiveConverter(TimeWindow window) {
        super(window, List.of(SampleType.INUSE_OBJECTS, SampleType.INUSE_SPACE), 2);
    }

    @Override
    protected Map<String, Consumer<RecordedEvent>> handlers() {
        return Map.of(OLD_OBJECT, e -> {
            RecordedObject object = e.getValue("object");
            long[] row = table.row(stackOf(e), threadOf(e, eventThread),
                    object == null ? null : object.getClass("type"));
            row[0]++;
            row[1] += e.hasField("objectSize") ? e.getLong("objectSize") : 0;
        });
    }

    @Override
    protected void finish() {
        long[] bytes = {0};
        table.forEach((ids, thread, tag, v) -> {
            bytes[0] += v[1];
            builder.addSample(ids, v.clone(), labels(thread, "object", tag));
        });
        builder.period(SampleType.INUSE_SPACE, 1);
        if (bytes[0] == 0) {
            builder.defaultSampleType(SampleType.INUSE_OBJECTS); // no sizes recorded (JDK 17): show counts
        }
    }
}
