package dev.memprof.sessions;

import dev.memprof.bootstrap.ThreadExitHook;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes allocated in the heap by all threads, including threads that have ended.
 *
 * <p>JDK 21 and later (and 17.0.x updates that took the backport) keep that figure
 * ({@code ThreadMXBean.getTotalThreadAllocatedBytes()}), and it is used when present. Older JDK 17 builds only have
 * per-thread counters, which vanish with their thread, so this class keeps the figure
 * itself: each thread, as it exits ({@link ThreadExitHook}, advice in {@code Thread.exit()}), adds its final count
 * to a running total of ended threads; the total is that plus the live threads' counters. A thread that has
 * reported its exit but is still listed as live is skipped, so it is not counted twice. Threads that ended before
 * the agent started are not known (with {@code -javaagent} that is none but JVM-internal ones).
 */
public final class AllocatedBytes implements ThreadExitHook.Listener {

    private static final int MAX_EXITING = 4096;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Method jvmTotal;
    private final LongAdder ended = new LongAdder();
    /** Ids of threads that reported their exit and may still be listed as live for a moment. */
    private final Set<Long> exiting = ConcurrentHashMap.newKeySet();

    /**
     * @param useJvmTotal use the JVM's own total when it has one; false keeps the count here on any JDK (the
     *                    system property {@code memprof.ownAllocationCount=true} asks for that, for JDK 17 builds
     *                    whose counter is wrong and for testing this path)
     */
    public AllocatedBytes(boolean useJvmTotal) {
        this.jvmTotal = useJvmTotal ? jvmTotal(threads) : null;
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** Whether the JVM keeps the total itself (JDK 21+); then the exit hook is not needed. */
    public boolean jvmKeepsTotal() {
        return jvmTotal != null;
    }

    @Override
    public void threadExiting(Thread thread) {
        long bytes = threads.getCurrentThreadAllocatedBytes();
        if (bytes > 0) {
            if (exiting.size() >= MAX_EXITING) {
                exiting.clear(); // bounded; at worst a thread in its last instant is counted twice
            }
            exiting.add(thread.getId());
            ended.add(bytes);
        }
    }

    /** Bytes allocated since the JVM started (since the agent started for threads that ended before it). */
    public long total() {
        if (jvmTotal != null) {
            try {
                long v = (long) jvmTotal.invoke(threads);
                if (v >= 0) {
                    return v;
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // fall back to our own count
            }
        }
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        long live = 0;
        Set<Long> listed = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            listed.add(ids[i]);
            if (!exiting.contains(ids[i]) && bytes[i] > 0) {
                live += bytes[i];
            }
        }
        long endedBytes = ended.sum();
        exiting.removeIf(id -> !listed.contains(id)); // those have ended for good
        return endedBytes + live;
    }

    private static Method jvmTotal(com.sun.management.ThreadMXBean threads) {
        try {
            Method m = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
            return (long) m.invoke(threads) >= 0 ? m : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
