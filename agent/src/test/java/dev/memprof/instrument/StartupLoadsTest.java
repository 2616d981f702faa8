package dev.memprof.instrument;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupLoadsTest {

    @Test
    void onlyTheAgentsThreadsDeferAndOnlyUntilClosed() throws Exception {
        StartupLoads loads = new StartupLoads();
        assertFalse(loads.defer("java/util/Foo", null), "an application thread's class is rewritten at once");
        assertTrue(onAgentThread(() -> loads.defer("java/util/Foo", null)));
        assertFalse(onAgentThread(() -> loads.defer("java/util/Foo", null)), "already deferred");
        assertTrue(onAgentThread(() -> loads.defer("java/lang/String", null)));
        assertEquals(List.of(String.class), loads.close(new Class<?>[] {Integer.class, String.class, List.class}),
                "the deferred classes, found among the loaded ones by name and loader");
        assertFalse(onAgentThread(() -> loads.defer("java/util/Bar", null)), "closed: rewritten as it loads");
    }

    private static boolean onAgentThread(java.util.function.BooleanSupplier work) throws InterruptedException {
        AtomicBoolean result = new AtomicBoolean();
        Thread t = new Thread(() -> result.set(work.getAsBoolean()), "memprof-test");
        t.start();
        t.join();
        return result.get();
    }
}
