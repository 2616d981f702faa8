package dev.memprof.memwatch;

import java.time.Instant;

/**
 * The running GC statistics behind {@code lastGC}. Counts come from GC notifications (seeded with the collectors'
 * counts when memwatch starts); base figures from {@link BaseMeasurement}s.
 *
 * <p>{@code estimated_base} is a damped running average of the base (a moving average over the last
 * {@value #RECENT} measurements, warming up over the first ones), and {@code usage_trend} the percentage by which it
 * stands above (or below) the long-run average over {@value #ANCIENT} measurements. Not thread safe.
 */
public final class GcStats {

    static final int RECENT = 10;
    static final int ANCIENT = 120;

    /** An immutable copy for readers. Base figures are 0 until the first base measurement. */
    public record View(Instant timestamp, long numFullGc, long numIncGc, long heapCompactions, long estimatedBase,
                       long currentBase, long min, long max, double usageTrend, long baseMeasurements) {
    }

    private Instant timestamp;
    private long full;
    private long inc;
    private long compactions;
    private long bases;
    private long current;
    private long min;
    private long max;
    private double recent;
    private double ancient;

    public GcStats(long fullSoFar, long incSoFar) {
        this.full = fullSoFar;
        this.inc = incSoFar;
        this.compactions = fullSoFar;
    }

    public void collection(GcEvent e) {
        timestamp = e.end();
        switch (e.kind()) {
            case FULL -> {
                full++;
                compactions++;
            }
            case YOUNG -> {
                inc++;
                if (e.reclaimedOld()) {
                    compactions++; // a G1 mixed collection evacuates (compacts) old regions
                }
            }
            case PAUSES -> {
                // counted by the cycle bean
            }
        }
    }

    public void base(BaseMeasurement m) {
        bases++;
        current = m.bytes();
        if (bases == 1) {
            min = max = current;
            recent = ancient = current;
        } else {
            min = Math.min(min, current);
            max = Math.max(max, current);
            recent += (current - recent) / Math.min(bases, RECENT);
            ancient += (current - ancient) / Math.min(bases, ANCIENT);
        }
    }

    public View view() {
        double trend = bases == 0 || ancient <= 0 ? 0 : Math.round((recent - ancient) / ancient * 10_000) / 100.0;
        return new View(timestamp, full, inc, compactions, Math.round(recent), current, min, max, trend, bases);
    }
}
