package dev.memprof.sessions;

import dev.memprof.bootstrap.ThreadExitHook;
import dev.memprof.instrument.EntryCall;

import java.lang.instrument.Instrumentation;

/**
 * Rewrites the private {@code java.lang.Thread.exit()}, which the JVM runs on a platform thread just before it
 * ends, to begin with {@code ThreadExitHook.onExit(this)}: the thread still runs there, so its allocation counter
 * is still readable ({@link AllocatedBytes}).
 */
public final class ThreadExitInstrumentation {

    private ThreadExitInstrumentation() {
    }

    public static void install(Instrumentation inst, ThreadExitHook.Listener listener) {
        ThreadExitHook.install(listener);
        new EntryCall("java/lang/Thread", "exit", "()V", "dev/memprof/bootstrap/ThreadExitHook", "onExit",
                "(Ljava/lang/Thread;)V").install(inst, Thread.class, "thread exit");
    }
}
