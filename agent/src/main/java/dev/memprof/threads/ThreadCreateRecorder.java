package dev.memprof.threads;

import dev.memprof.bootstrap.ThreadStartHook;
import dev.memprof.pprof.Frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * Remembers the stack that started each thread, for the threadcreate profile. Entries are weak on the thread, so a
 * thread that ends takes its entry with it, and the table is capped so a thread storm cannot grow it without end.
 */
public final class ThreadCreateRecorder implements ThreadStartHook.Listener {

    public static final int MAX_THREADS = 16_384;

    private static final String HOOK_CLASS = ThreadStartHook.class.getName();

    private final Map<Thread, List<Frame>> stacks = Collections.synchronizedMap(new WeakHashMap<>());
    // JDK 22+ answers StackFrame.getDescriptor() only for walkers that retain class references.
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final int depth;
    private volatile long dropped;

    public ThreadCreateRecorder(int depth) {
        this.depth = depth;
    }

    @Override
    public void threadStarting(Thread thread) {
        if (thread.getName().startsWith(AgentThreads.PREFIX)) {
            return; // the agent's own threads are not the application's
        }
        if (stacks.size() >= MAX_THREADS) {
            dropped++; // racy by design: an approximate count is enough here
            return;
        }
        List<Frame> frames = walker.walk(s -> s
                .dropWhile(f -> !f.getClassName().equals(HOOK_CLASS))
                .dropWhile(f -> f.getClassName().equals(HOOK_CLASS))
                .limit(depth)
                .map(Frame::of)
                .collect(Collectors.toCollection(ArrayList::new)));
        stacks.put(thread, List.copyOf(frames));
    }

    /** The recorded creation stack of a thread, leaf first (the leaf is {@code Thread.start}), or null. */
    public List<Frame> creationStack(Thread thread) {
        return stacks.get(thread);
    }

    public long dropped() {
        return dropped;
    }
}
