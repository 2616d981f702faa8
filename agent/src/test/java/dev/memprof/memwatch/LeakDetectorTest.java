package dev.memprof.memwatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class LeakDetectorTest {

    private static final long MB = 1024 * 1024;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A G1-like collection stream: young pauses that promote, then an old cycle of mixed pauses. */
    private static final class G1Heap {
        final List<GcEvent> events = new ArrayList<>();
        long old;
        int seconds;

        G1Heap(long old) {
            this.old = old;
        }

        void young(long promoted) {
            long before = old;
            old += promoted;
            add(before, old);
        }

        /** A concurrent cycle (no notification) frees {@code freedByCleanup}, then mixed pauses reclaim down to live. */
        void oldCycle(long freedByCleanup, long live) {
            old -= freedByCleanup;
            while (old > live) {
                long before = old;
                old = Math.max(live, old - 40 * MB);
                add(before, old);
            }
        }

        private void add(long oldBefore, long oldAfter) {
            seconds++;
            long eden = 50 * MB;
            events.add(new GcEvent("G1 Young Generation", CollectorKind.YOUNG, "G1 Evacuation Pause",
                    T0.plusSeconds(seconds), oldBefore + eden, oldAfter + 2 * MB, oldBefore, oldAfter, eden));
        }
    }

    private static List<LeakEvent> run(List<GcEvent> events, List<BaseMeasurement> basesOut) {
        BaseTracker tracker = new BaseTracker();
        LeakDetector detector = new LeakDetector();
        List<LeakEvent> leaks = new ArrayList<>();
        for (GcEvent e : events) {
            Optional<BaseMeasurement> b = tracker.accept(e);
            b.ifPresent(basesOut::add);
            b.flatMap(detector::accept).ifPresent(leaks::add);
        }
        return leaks;
    }

    @Test
    void sawToothOfPromotedGarbageIsNoLeak() {
        Random rnd = new Random(42);
        G1Heap heap = new G1Heap(150 * MB);
        for (int cycle = 0; cycle < 40; cycle++) {
            for (int y = 0; y < 10; y++) {
                heap.young(25 * MB); // post-GC heap rises at every young pause: the saw-tooth
            }
            long live = 150 * MB + (long) (rnd.nextGaussian() * 4 * MB);
            heap.oldCycle(30 * MB, live);
        }
        List<BaseMeasurement> bases = new ArrayList<>();
        List<LeakEvent> leaks = run(heap.events, bases);
        assertEquals(39, bases.size(), "one base per old cycle (the last cycle's run is still open)");
        assertTrue(leaks.isEmpty(), "no leak: " + leaks);
        // a naive rule on the post-GC heap of every collection would have fired
        assertTrue(naiveRuleFires(heap.events), "the synthetic saw-tooth fools the naive rule");
    }

    @Test
    void steadyGrowthIsALeakAfterFiveBases() {
        G1Heap heap = new G1Heap(150 * MB);
        for (int cycle = 0; cycle < 8; cycle++) {
            for (int y = 0; y < 10; y++) {
                heap.young(25 * MB);
            }
            heap.oldCycle(30 * MB, 150 * MB + cycle * 20 * MB);
        }
        List<BaseMeasurement> bases = new ArrayList<>();
        List<LeakEvent> leaks = run(heap.events, bases);
        assertTrue(!leaks.isEmpty(), "leak found; bases " + bases);
        LeakEvent first = leaks.get(0);
        assertEquals(bases.get(4).time(), first.end(), "reported at the fifth rising base");
        assertEquals(bases.get(0).time(), first.start());
        assertEquals(bases.get(4).bytes() - bases.get(0).bytes(), first.growth());
        assertTrue(first.reason().startsWith("heap growth over 5 consecutive GCs ("), first.reason());
        assertTrue(first.reason().endsWith(" mb/hr"), first.reason());
    }

    @Test
    void stationaryNoiseNeverMakesASignificantRun() {
        Random rnd = new Random(7);
        LeakDetector d = new LeakDetector();
        for (int i = 0; i < 10_000; i++) {
            long bytes = 200 * MB + (long) ((rnd.nextDouble() - 0.5) * 0.08 * 200 * MB); // +-4 %
            assertTrue(d.accept(new BaseMeasurement(T0.plusSeconds(i), bytes)).isEmpty(), "at " + i);
        }
    }

    @Test
    void aDipRestartsTheRun() {
        LeakDetector d = new LeakDetector();
        long[] mb = {100, 120, 140, 130, 150, 170, 190};
        for (int i = 0; i < mb.length; i++) {
            assertTrue(d.accept(new BaseMeasurement(T0.plusSeconds(i), mb[i] * MB)).isEmpty(), "at " + i);
        }
        assertTrue(d.accept(new BaseMeasurement(T0.plusSeconds(9), 210 * MB)).isPresent());
    }

    @Test
    void reasonStatesTheRate() {
        assertEquals("heap growth over 5 consecutive GCs (20s) - 11.67 mb/hr",
                LeakDetector.reason((long) (11.67 * MB * 20 / 3600), java.time.Duration.ofSeconds(20)));
    }

    private static boolean naiveRuleFires(List<GcEvent> events) {
        int rising = 0;
        long last = -1;
        for (GcEvent e : events) {
            rising = e.heapAfter() > last ? rising + 1 : 0;
            last = e.heapAfter();
            if (rising >= 5) {
                return true;
            }
        }
        return false;
    }
}
