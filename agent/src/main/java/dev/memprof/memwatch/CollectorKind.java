package dev.memprof.memwatch;

import java.util.Locale;

/**
 * What one {@code GarbageCollectorMXBean} reports, decided from its name, because the JMX API has no such property.
 * The names are those of HotSpot's collectors on JDK 17 to 25.
 */
public enum CollectorKind {
    /** Collects the whole heap or the old generation: Serial and Parallel full GCs, G1 Full GC, ZGC and Shenandoah cycles. */
    FULL,
    /** Collects the young generation only (G1's bean also reports mixed collections). */
    YOUNG,
    /** Reports pauses of a concurrent cycle that another bean already counts ("ZGC Pauses", "G1 Concurrent GC"). */
    PAUSES;

    public static CollectorKind of(String beanName) {
        String n = beanName.toLowerCase(Locale.ROOT);
        if (n.contains("pauses") || n.equals("g1 concurrent gc")) {
            return PAUSES;
        }
        if (n.equals("copy") || n.equals("ps scavenge") || n.equals("parnew") || n.equals("g1 young generation")
                || n.contains("minor") || n.contains("young")) {
            return YOUNG;
        }
        return FULL;
    }

    /**
     * Whether a collection of this kind moves old objects together: the stop-the-world full collections of Serial,
     * Parallel and G1 slide-compact the heap, and ZGC and Shenandoah cycles relocate. G1 mixed collections are
     * young-bean events and are recognised from the pools instead ({@link GcEvent#reclaimedOld()}).
     */
    public boolean compacts() {
        return this == FULL;
    }

    /** Whether a notification of this kind is a completed collection that {@code gcCount} counts. */
    public boolean counted() {
        return this != PAUSES;
    }
}
