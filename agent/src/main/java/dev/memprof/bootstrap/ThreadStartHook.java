package dev.memprof.bootstrap;

/**
 * Called by advice inlined into {@code java.lang.Thread.start()}. Lives on the bootstrap class path so that
 * {@code Thread} can link to it. It forwards to the agent's listener and swallows anything the listener throws: a
 * profiler must never make {@code Thread.start()} fail.
 */
public final class ThreadStartHook {

    /** Receives each thread just before it starts, on the starting thread. */
    public interface Listener {
        void threadStarting(Thread thread);
    }

    private static volatile Listener listener;

    private ThreadStartHook() {
    }

    public static void install(Listener l) {
        listener = l;
    }

    public static void onStart(Thread thread) {
        Listener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.threadStarting(thread);
        } catch (Throwable ignored) {
            // never reaches application code
        }
    }
}
