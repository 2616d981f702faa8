package dev.memprof.sessions;

import dev.memprof.bootstrap.ThreadExitHook;
import net.bytebuddy.asm.Advice;

/** Inlined at the start of {@code Thread.exit()}: the thread still runs, so its allocation counter is readable. */
final class ThreadExitAdvice {

    private ThreadExitAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Thread thread) {
        ThreadExitHook.onExit(thread);
    }
}
