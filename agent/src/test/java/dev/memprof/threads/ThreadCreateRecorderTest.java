package dev.memprof.threads;

import dev.memprof.bootstrap.ThreadStartHook;
import dev.memprof.pprof.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder through the real hook, on whatever JDK runs the tests (JDK 22+ changed StackWalker's rules). */
@Timeout(10)
class ThreadCreateRecorderTest {

    @AfterEach
    void uninstall() {
        ThreadStartHook.install(null);
    }

    @Test
    void recordsTheStackAboveTheHookWithSignatures() {
        ThreadCreateRecorder recorder = new ThreadCreateRecorder(8);
        ThreadStartHook.install(recorder);
        Thread t = new Thread(() -> { }, "recorded");
        knownStarter(t);
        List<Frame> stack = recorder.creationStack(t);
        assertNotNull(stack, "the start was recorded");
        Frame leaf = stack.get(0);
        assertEquals(ThreadCreateRecorderTest.class.getName(), leaf.className());
        assertEquals("knownStarter", leaf.methodName());
        assertEquals("(Ljava/lang/Thread;)V", leaf.descriptor());
        assertEquals("ThreadCreateRecorderTest.java", leaf.fileName());
        assertTrue(leaf.line() > 0);
        assertEquals("recordsTheStackAboveTheHookWithSignatures", stack.get(1).methodName());
        assertTrue(stack.size() <= 8, "depth is capped");
    }

    private static void knownStarter(Thread t) {
        ThreadStartHook.onStart(t); // what the advice in Thread.start() does
    }
}
