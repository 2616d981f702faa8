package dev.memprof.e2e.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Retains a known 1 MiB per second (128 KiB every 125 ms, paced by wall time so that CPU contention does not change
 * the rate) with the argument {@code grow}, nothing with {@code flat}; both churn 8 MiB of garbage per second. It
 * calls {@code System.gc()} every second: the target's own choice, so that the agent gets a base measurement at a
 * steady cadence (the agent itself never forces a collection). Prints "ready".
 */
public final class SteadyGrowthTarget {

    static final int CHUNK = 128 * 1024;
    static final long TICK_NANOS = 125_000_000L;

    static volatile Object sink;

    public static void main(String[] args) {
        boolean grow = args.length > 0 && args[0].equals("grow");
        List<byte[]> retained = new ArrayList<>();
        System.out.println("ready");
        long start = System.nanoTime();
        for (long tick = 1; ; tick++) {
            for (int i = 0; i < 8; i++) {
                sink = new byte[CHUNK];
            }
            if (grow) {
                retained.add(new byte[CHUNK]);
            }
            if (tick % 8 == 0) {
                System.gc();
            }
            LockSupport.parkNanos(start + tick * TICK_NANOS - System.nanoTime());
        }
    }
}
