package dev.memprof.memwatch;

import java.time.Instant;

/**
 * One completed collection, reduced on the notifying JDK thread to the few figures memwatch needs.
 *
 * @param collector  the GarbageCollectorMXBean's name, e.g. "G1 Young Generation"
 * @param kind       what that bean collects
 * @param cause      the GC cause as the JVM states it, e.g. "G1 Evacuation Pause"
 * @param end        wall-clock end of the collection
 * @param heapBefore heap used before, summed over the heap pools
 * @param heapAfter  heap used after
 * @param oldBefore  old-generation used before (the whole heap for single-generation collectors)
 * @param oldAfter   old-generation used after
 * @param edenBefore eden used before (0 when the heap has no eden pool)
 */
public record GcEvent(String collector, CollectorKind kind, String cause, Instant end, long heapBefore,
                      long heapAfter, long oldBefore, long oldAfter, long edenBefore) {

    /** The collection itself freed old-generation space: a full collection, or a G1 mixed collection. */
    public boolean reclaimedOld() {
        return oldAfter < oldBefore;
    }
}
