package dev.memprof.threads;

import dev.memprof.bootstrap.ThreadStartHook;
import dev.memprof.instrument.EntryCall;

import java.lang.instrument.Instrumentation;

/**
 * Rewrites {@code java.lang.Thread.start()} to begin with {@code ThreadStartHook.onStart(this)}, so the
 * {@link ThreadCreateRecorder} sees the starter's stack.
 */
public final class ThreadCreateInstrumentation {

    private ThreadCreateInstrumentation() {
    }

    public static void install(Instrumentation inst, ThreadCreateRecorder recorder) {
        ThreadStartHook.install(recorder);
        new EntryCall("java/lang/Thread", "start", "()V", "dev/memprof/bootstrap/ThreadStartHook", "onStart",
                "(Ljava/lang/Thread;)V").install(inst, Thread.class, "thread start");
    }
}
