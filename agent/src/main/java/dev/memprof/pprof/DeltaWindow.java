package dev.memprof.pprof;

import java.util.function.BooleanSupplier;

/** The wait of a {@code seconds=N} delta profile: N seconds, ended early when the client goes away. */
public final class DeltaWindow {

    private DeltaWindow() {
    }

    /**
     * Sleeps {@code seconds} in short steps; returns the nanoseconds waited, or -1 when {@code cancelled} turned true
     * first.
     */
    public static long await(long seconds, BooleanSupplier cancelled) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) {
                return -1;
            }
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        return System.nanoTime() - start;
    }
}
