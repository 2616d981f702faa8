package dev.memprof.bootstrap;

/**
 * Called by advice inlined into {@code java.lang.Thread.exit()}, which the JVM runs on a platform thread just
 * before it terminates. Lives on the bootstrap class path so that {@code Thread} can link to it; swallows anything
 * the listener throws, since a thread's exit must never fail because of us.
 */
public final class ThreadExitHook {

    /** Receives each platform thread about to end, on that thread. */
    public interface Listener {
        void threadExiting(Thread thread);
    }

    private static volatile Listener listener;

    private ThreadExitHook() {
    }

    public static void install(Listener l) {
        listener = l;
    }

    public static void onExit(Thread thread) {
        Listener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.threadExiting(thread);
        } catch (Throwable ignored) {
            // never reaches application code
        }
    }
}
