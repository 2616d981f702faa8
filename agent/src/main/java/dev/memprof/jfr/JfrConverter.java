package dev.memprof.jfr;

import dev.memprof.pprof.Labels;
import dev.memprof.pprof.ProfileBuilder;
import dev.memprof.pprof.SampleType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The shared base of the JFR to pprof converters, one subclass per profile type. A subclass names the events it
 * reads and what each adds to its row in the {@link SampleTable}; after the last event it turns the rows into
 * samples. Every sample carries a {@code thread} label.
 *
 * <p>A converter is used once: make a new one per conversion.
 */
public abstract class JfrConverter {

    protected final TimeWindow window;
    protected final ProfileBuilder builder;
    protected final SampleTable table;
    protected final ActiveSettings settings = new ActiveSettings();
    private boolean used;

    /**
     * @param types the profile's sample types
     * @param width how many values each row sums while reading (may differ from the output's)
     */
    protected JfrConverter(TimeWindow window, List<SampleType> types, int width) {
        this.window = window;
        this.builder = new ProfileBuilder(types);
        this.table = new SampleTable(builder, width);
    }

    /** The events this converter reads, each with what it does with one event. */
    protected abstract Map<String, Consumer<RecordedEvent>> handlers();

    /** Turns the rows into samples and sets the period; runs once, after the last event. */
    protected abstract void finish();

    /** Reads the recording and returns the finished profile. */
    public final ProfileBuilder convert(Path jfr) throws IOException {
        if (used) {
            throw new IllegalStateException("a converter converts one recording");
        }
        used = true;
        Map<String, Consumer<RecordedEvent>> all = new HashMap<>(handlers());
        all.put(ActiveSettings.EVENT, settings::accept);
        JfrEvents.Result read = JfrEvents.read(jfr, window, all);
        finish();
        long start = clip(read.startNanos(), window.from(), true);
        long end = clip(read.endNanos(), window.to(), false);
        if (start < end) {
            builder.timeNanos(start).durationNanos(end - start);
        }
        if (read.failedEvents() > 0) {
            builder.comment(read.failedEvents() + " events skipped as unreadable, first: " + read.firstFailure());
        }
        if (table.truncatedRows() > 0) {
            builder.comment(table.truncatedRows() + " events folded into [memprof: truncated]: more than "
                    + SampleTable.MAX_ROWS + " distinct stacks");
        }
        return builder;
    }

    /** The recording's start or end, narrowed to the window's. */
    private static long clip(long nanos, Instant bound, boolean isStart) {
        if (bound == null) {
            return nanos;
        }
        long b = bound.getEpochSecond() * 1_000_000_000L + bound.getNano();
        return isStart ? Math.max(nanos, b) : Math.min(nanos, b);
    }

    /** Converts {@code jfr} and writes the gzipped profile to {@code out}. */
    public final void convert(Path jfr, Path out) throws IOException {
        ProfileBuilder b = convert(jfr);
        try (OutputStream os = Files.newOutputStream(out)) {
            b.writeGzipped(os);
        }
    }

    /** The labels of one row: the thread, and the tag under {@code tagKey} when there is one. */
    protected static Labels labels(SampleTable.ThreadRef thread, String tagKey, String tag) {
        Labels.Builder b = Labels.builder().str("thread", thread.name());
        if (tag != null) {
            b.str(tagKey, tag);
        }
        return b.build();
    }

    // The typed accessors (getStackTrace, getThread, getLong) look each field up by name two or three times to
    // check its type, and getValue once; on files with millions of events that dominated conversion. These read
    // each field once, by position when they can (EventField). The fields are per converter, as their caches are.

    protected final EventField stackTrace = EventField.named("stackTrace");
    protected final EventField eventThread = EventField.named("eventThread");
    protected final EventField sampledThread = EventField.named("sampledThread");

    protected RecordedStackTrace stackOf(RecordedEvent e) {
        return stackTrace.get(e) instanceof RecordedStackTrace s ? s : null;
    }

    protected static RecordedThread threadOf(RecordedEvent e, EventField field) {
        return field.get(e) instanceof RecordedThread t ? t : null;
    }

    protected static RecordedClass classOf(RecordedEvent e, EventField field) {
        return field.get(e) instanceof RecordedClass c ? c : null;
    }

    protected static long longOf(RecordedEvent e, EventField field) {
        return field.get(e) instanceof Number n ? n.longValue() : 0;
    }

    /** The duration of a timed event in nanoseconds. */
    protected static long nanos(RecordedEvent e) {
        return Math.max(0, e.getDuration().toNanos());
    }

}
