package dev.memprof.threads;

import dev.memprof.bootstrap.ThreadStartHook;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code Thread.start()}: reports the thread with its starter's stack still on hand. */
final class ThreadStartAdvice {

    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread) {
        ThreadStartHook.onStart(thread);
    }
}
