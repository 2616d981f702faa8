package dev.memprof.memwatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class BaseTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final BaseTracker tracker = new BaseTracker();
    private int second;

    private GcEvent young(long heapAfter, long oldBefore, long oldAfter) {
        return new GcEvent("G1 Young Generation", CollectorKind.YOUNG, "G1 Evacuation Pause",
                T0.plusSeconds(++second), heapAfter + 100, heapAfter, oldBefore, oldAfter, 100);
    }

    @Test
    void youngCollectionsThatPromoteMeasureNothing() {
        assertTrue(tracker.accept(young(110, 100, 105)).isEmpty());
        assertTrue(tracker.accept(young(120, 105, 115)).isEmpty());
    }

    @Test
    void aMixedRunGivesItsLowestHeapWhenAnOrdinaryYoungEndsIt() {
        tracker.accept(young(300, 280, 290));
        assertTrue(tracker.accept(young(250, 290, 240)).isEmpty(), "mixed: old fell");
        assertTrue(tracker.accept(young(210, 240, 200)).isEmpty(), "mixed");
        Instant lastMixed = T0.plusSeconds(second);
        BaseMeasurement m = tracker.accept(young(215, 200, 205)).orElseThrow();
        assertEquals(210, m.bytes());
        assertEquals(lastMixed, m.time());
    }

    @Test
    void oldSpaceFreedBetweenPausesStartsARun() {
        tracker.accept(young(300, 280, 290));
        assertTrue(tracker.accept(young(260, 250, 255)).isEmpty(), "old before < previous old after: cleanup freed");
        assertEquals(260, tracker.accept(young(270, 255, 265)).orElseThrow().bytes());
    }

    @Test
    void aFullCollectionMeasuresAtOnce() {
        GcEvent full = new GcEvent("PS MarkSweep", CollectorKind.FULL, "Ergonomics", T0, 900, 120, 700, 110, 0);
        assertEquals(120, tracker.accept(full).orElseThrow().bytes());
    }

    @Test
    void pauseBeansAreIgnored() {
        GcEvent pause = new GcEvent("ZGC Pauses", CollectorKind.PAUSES, "Warmup", T0, 900, 100, 900, 100, 0);
        assertTrue(tracker.accept(pause).isEmpty());
    }

    @Test
    void collectorKindsFromBeanNames() {
        assertEquals(CollectorKind.YOUNG, CollectorKind.of("G1 Young Generation"));
        assertEquals(CollectorKind.FULL, CollectorKind.of("G1 Old Generation"));
        assertEquals(CollectorKind.PAUSES, CollectorKind.of("G1 Concurrent GC"));
        assertEquals(CollectorKind.YOUNG, CollectorKind.of("PS Scavenge"));
        assertEquals(CollectorKind.FULL, CollectorKind.of("PS MarkSweep"));
        assertEquals(CollectorKind.YOUNG, CollectorKind.of("Copy"));
        assertEquals(CollectorKind.FULL, CollectorKind.of("MarkSweepCompact"));
        assertEquals(CollectorKind.FULL, CollectorKind.of("ZGC Cycles"));
        assertEquals(CollectorKind.PAUSES, CollectorKind.of("ZGC Pauses"));
        assertEquals(CollectorKind.YOUNG, CollectorKind.of("ZGC Minor Cycles"));
        assertEquals(CollectorKind.FULL, CollectorKind.of("ZGC Major Cycles"));
        assertEquals(CollectorKind.PAUSES, CollectorKind.of("ZGC Major Pauses"));
    }
}
