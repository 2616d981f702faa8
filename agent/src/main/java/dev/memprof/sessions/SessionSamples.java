package dev.memprof.sessions;

import dev.memprof.alloc.AllocationEvent;
import dev.memprof.alloc.SampleListener;
import dev.memprof.pprof.Frame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The allocation samples of one session's window, added up by (stack, class). Fed on allocating threads, so it
 * only does a concurrent map update. At most {@value #MAX_STACKS} distinct keys; later new ones fold into one
 * {@code [memprof: truncated]} entry per class, and {@link #truncated()} counts them.
 */
public final class SessionSamples implements SampleListener {

    static final int MAX_STACKS = 8192;
    static final List<Frame> TRUNCATED = List.of(Frame.synthetic("[memprof: truncated]"));

    /** One (stack, class) pair; the stack is leaf first. */
    public record Key(List<Frame> stack, String className) {
    }

    /** Raw sampled counts of one key. */
    public static final class Counts {
        final LongAdder samples = new LongAdder();
        final LongAdder bytes = new LongAdder();

        public long samples() {
            return samples.sum();
        }

        public long bytes() {
            return bytes.sum();
        }
    }

    private final Map<Key, Counts> table = new ConcurrentHashMap<>();
    private final LongAdder truncated = new LongAdder();
    private volatile boolean open = true;

    @Override
    public void onSample(AllocationEvent e) {
        if (!open) {
            return;
        }
        Key key = new Key(e.stack(), e.className());
        Counts c = table.get(key);
        if (c == null) {
            if (table.size() >= MAX_STACKS) {
                truncated.increment();
                key = new Key(TRUNCATED, e.className());
            }
            c = table.computeIfAbsent(key, k -> new Counts());
        }
        c.samples.increment();
        c.bytes.add(e.size());
    }

    /** Stops taking samples (the window ended). */
    void close() {
        open = false;
    }

    public Map<Key, Counts> table() {
        return table;
    }

    public long sampleCount() {
        return table.values().stream().mapToLong(Counts::samples).sum();
    }

    public long truncated() {
        return truncated.sum();
    }
}
