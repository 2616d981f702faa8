package dev.memprof.memwatch;

import java.time.Instant;
import java.util.Optional;

/**
 * Finds base measurements in the stream of collections, without forcing any.
 *
 * <p>The post-GC heap after a young collection is no measure of the live set: promoted garbage accumulates in the
 * old generation until an old collection, so that figure saw-tooths even when nothing leaks. Only a collection that
 * reclaimed old-generation space measures it:
 * <ul>
 *   <li>a {@link CollectorKind#FULL} collection (Serial and Parallel full GC, G1 Full GC, ZGC and Shenandoah
 *   cycles) is one measurement by itself: the heap used after it;</li>
 *   <li>G1 reclaims the old generation in an "old cycle": the concurrent cycle frees empty regions at Remark and
 *   Cleanup (no notification on JDK 17: it shows as old usage before the next young pause being lower than after
 *   the previous one), then mixed collections evacuate old regions (notified as "G1 Young Generation", recognised
 *   by old usage falling during the pause). The run of such collections is one old cycle, and its lowest post-GC
 *   heap is the measurement, taken when the first ordinary young collection ends the run.</li>
 * </ul>
 * Not thread safe: fed from one thread.
 */
public final class BaseTracker {

    private long lastOldAfter = -1;
    private long runMin = -1;
    private Instant runEnd;

    /** Feeds one collection; returns a measurement when this collection completes one. */
    public Optional<BaseMeasurement> accept(GcEvent e) {
        if (e.kind() == CollectorKind.PAUSES) {
            return Optional.empty();
        }
        boolean reclaimedBetween = lastOldAfter >= 0 && e.oldBefore() < lastOldAfter;
        lastOldAfter = e.oldAfter();
        if (e.kind() == CollectorKind.FULL) {
            long base = runMin >= 0 ? Math.min(runMin, e.heapAfter()) : e.heapAfter();
            runMin = -1;
            return Optional.of(new BaseMeasurement(e.end(), base));
        }
        if (e.reclaimedOld() || reclaimedBetween) {
            runMin = runMin < 0 ? e.heapAfter() : Math.min(runMin, e.heapAfter());
            runEnd = e.end();
            return Optional.empty();
        }
        if (runMin >= 0) {
            BaseMeasurement m = new BaseMeasurement(runEnd, runMin);
            runMin = -1;
            return Optional.of(m);
        }
        return Optional.empty();
    }
}
