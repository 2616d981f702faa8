package dev.memprof.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own threads. All are daemons, so they never keep the JVM alive, and all are named {@code memprof-*},
 * which is how the allocation sampler tells the agent's work from the application's.
 */
public final class AgentThreads {

    /** Every agent thread's name starts with this. */
    public static final String PREFIX = "memprof-";

    private AgentThreads() {
    }

    /** A daemon thread named {@code memprof-<name>}, not started. */
    public static Thread newThread(String name, Runnable work) {
        Thread t = new Thread(work, PREFIX + name);
        t.setDaemon(true);
        return t;
    }

    /** For a one-thread executor: its thread is named {@code memprof-<name>}. */
    public static ThreadFactory single(String name) {
        return work -> newThread(name, work);
    }

    /** For a pool: daemon threads named {@code memprof-<name>-1}, {@code -2}, ... */
    public static ThreadFactory numbered(String name) {
        AtomicInteger n = new AtomicInteger();
        return work -> newThread(name + "-" + n.incrementAndGet(), work);
    }
}
