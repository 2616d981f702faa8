package dev.memprof.sessions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known truth: a thread allocates 64 MiB and ends; the total must grow by that much (or, without the hook, not). */
@Timeout(30)
class AllocatedBytesTest {

    private static final long MIB64 = 64L << 20;
    static volatile Object sink;

    private static void allocateAndEnd(AllocatedBytes counter, boolean reportExit) throws InterruptedException {
        Thread t = new Thread(() -> {
            for (int i = 0; i < 1024; i++) {
                sink = new byte[64 * 1024];
            }
            if (reportExit) {
                counter.threadExiting(Thread.currentThread()); // what the Thread.exit() hook does in the agent
            }
        });
        t.start();
        t.join();
    }

    @Test
    void ownCountKeepsTheBytesOfAnEndedThreadThroughTheExitHook() throws Exception {
        AllocatedBytes own = new AllocatedBytes(false);
        long before = own.total();
        allocateAndEnd(own, true);
        long delta = own.total() - before;
        assertTrue(Math.abs(delta - MIB64) < MIB64 / 20, "delta " + delta);
    }

    @Test
    void withoutTheExitHookAnEndedThreadsBytesAreLost() throws Exception {
        AllocatedBytes own = new AllocatedBytes(false);
        long before = own.total();
        allocateAndEnd(own, false);
        assertTrue(own.total() - before < MIB64 / 2, "the per-thread counter vanished with its thread");
    }

    @Test
    void jvmTotalCountsEndedThreadsWhenTheJdkHasIt() throws Exception {
        AllocatedBytes jvm = new AllocatedBytes(true);
        long before = jvm.total();
        allocateAndEnd(jvm, false);
        long delta = jvm.total() - before;
        if (jvm.jvmKeepsTotal()) {
            assertTrue(Math.abs(delta - MIB64) < MIB64 / 20, "delta " + delta);
        } else {
            assertTrue(delta < MIB64 / 2, "no JVM total and no hook: the ended thread is lost");
        }
    }
}
