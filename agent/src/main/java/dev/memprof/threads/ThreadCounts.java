package dev.memprof.threads;

import dev.memprof.pprof.DeltaWindow;
import dev.memprof.pprof.Frame;
import dev.memprof.pprof.Labels;
import dev.memprof.pprof.ProfileBuilder;
import dev.memprof.pprof.SampleType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The count profiles of threads (goroutine, threadcreate): rows of a stack and the thread's name and state, counted,
 * written as pprof, and their {@code seconds=N} deltas as Go serves them: the counts at the end minus those at the
 * start, per row (a row may be negative; rows that did not change are left out), with the window's duration.
 */
final class ThreadCounts {

    /** One thread's row. */
    record Row(List<Frame> stack, String thread, String state) {
    }

    private ThreadCounts() {
    }

    static Map<Row, Long> count(List<Row> rows) {
        Map<Row, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r, 1L, Long::sum));
        return counts;
    }

    static byte[] write(SampleType type, Map<Row, Long> counts, long durationNanos) {
        ProfileBuilder b = new ProfileBuilder(List.of(type)).period(type, 1);
        if (durationNanos > 0) {
            b.durationNanos(durationNanos);
        }
        counts.forEach((row, n) -> {
            if (n != 0) {
                b.addSample(row.stack(), new long[]{n}, Labels.builder()
                        .str("thread", row.thread())
                        .str("state", row.state())
                        .build());
            }
        });
        return b.toGzippedBytes();
    }

    /** The delta profile over the next {@code seconds}; null when the client went away first. */
    static byte[] delta(SampleType type, Supplier<List<Row>> rows, long seconds, BooleanSupplier cancelled)
            throws InterruptedException {
        Map<Row, Long> before = count(rows.get());
        long waited = DeltaWindow.await(seconds, cancelled);
        if (waited < 0) {
            return null;
        }
        Map<Row, Long> change = count(rows.get());
        before.forEach((row, n) -> change.merge(row, -n, Long::sum));
        return write(type, change, waited);
    }
}
