package dev.memprof;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the agent undoes at JVM exit (the JFR ring's temporary files, the server), in one shutdown hook registered
 * before any part starts. The parts start beside the application, which may exit at any moment: a part that comes
 * up after the exit began is closed at once instead of leaving its files behind.
 */
final class ShutdownActions {

    private final Deque<AutoCloseable> actions = new ArrayDeque<>();
    private boolean exiting;

    static ShutdownActions register() {
        ShutdownActions s = new ShutdownActions();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(s::runAll, "memprof-shutdown"));
        } catch (IllegalStateException exitBegan) { // a short program that ended before the agent got here
            s.exiting = true;
        }
        return s;
    }

    /** Closes {@code part} at exit, last registered first; at once if the exit has begun. */
    void closeAtExit(AutoCloseable part) {
        synchronized (this) {
            if (!exiting) {
                actions.push(part);
                return;
            }
        }
        closeQuietly(part);
    }

    private void runAll() {
        Deque<AutoCloseable> toClose;
        synchronized (this) {
            exiting = true;
            toClose = new ArrayDeque<>(actions);
            actions.clear();
        }
        toClose.forEach(ShutdownActions::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception | LinkageError ignored) {
            // the JVM is going down; nothing to tell
        }
    }
}
