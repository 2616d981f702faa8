package dev.memprof.sessions;

import dev.memprof.alloc.AllocationEvent;
import dev.memprof.alloc.AllocationSource;
import dev.memprof.alloc.HeapSnapshot;
import dev.memprof.alloc.SampleListener;
import dev.memprof.pprof.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class SessionRegistryTest {

    /** A fake sampler: tests push samples to whoever listens. */
    private static final class FakeSource implements AllocationSource {
        final List<SampleListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public long rate() {
            return 512 * 1024;
        }

        @Override
        public HeapSnapshot snapshot() {
            return new HeapSnapshot(rate(), 0, List.of());
        }

        @Override
        public void addListener(SampleListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(SampleListener l) {
            listeners.remove(l);
        }

        void sample(String method) {
            AllocationEvent e = new AllocationEvent(List.of(new Frame("a.B", method, null, null, 0)), "byte[]",
                    1024, 0);
            listeners.forEach(l -> l.onSample(e));
        }
    }

    private final FakeSource source = new FakeSource();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final SessionRegistry registry = new SessionRegistry(source, timer);

    SessionRegistryTest() {
        timer.setRemoveOnCancelPolicy(true); // as the agent sets it
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aSessionCollectsOnlyItsWindowsSamples() throws Exception {
        source.sample("before");
        Session s = registry.create(Duration.ofMillis(200), "w");
        source.sample("during");
        source.sample("during");
        Thread.sleep(400);
        assertFalse(s.running());
        source.sample("after");
        assertEquals(2, s.samples().sampleCount());
        assertEquals("a.B.during", TopFunctions.of(s.samples(), s.rate()).get(0).funcName());
        assertTrue(source.listeners.isEmpty(), "unsubscribed when finished");
    }

    @Test
    void atMost64RunAndDeleteFreesASlot() throws Exception {
        for (int i = 0; i < SessionRegistry.MAX_LIVE; i++) {
            registry.create(Duration.ofMinutes(1), null);
        }
        SessionLimitException e = assertThrows(SessionLimitException.class,
                () -> registry.create(Duration.ofMinutes(1), null));
        assertTrue(e.getMessage().contains("at most 64"), e.getMessage());
        String first = registry.list().get(0).id();
        assertTrue(registry.delete(first));
        assertFalse(registry.delete(first));
        assertTrue(registry.get(first).isEmpty());
        registry.create(Duration.ofMinutes(1), null);
        assertEquals(0, timer.getQueue().size() - SessionRegistry.MAX_LIVE, "the deleted session's timer is gone");
    }

    @Test
    void finishedSessionsAreBounded() throws Exception {
        for (int i = 0; i < SessionRegistry.MAX_FINISHED + 10; i++) {
            registry.create(Duration.ofMillis(1), null);
            Thread.sleep(5); // let it finish, so the running cap is not what this test meets
        }
        Thread.sleep(300);
        assertEquals(SessionRegistry.MAX_FINISHED, registry.list().size());
        assertTrue(registry.list().stream().noneMatch(Session::running));
    }
}
