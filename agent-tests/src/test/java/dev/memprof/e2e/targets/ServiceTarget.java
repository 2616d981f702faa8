package dev.memprof.e2e.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A service-like heap: short-lived garbage per "request", plus a ~100 MiB cache whose entries are replaced at random,
 * so that medium-lived garbage reaches the old generation. With the argument {@code leak}, it also retains 256 KiB
 * more every 100 ms, as {@code long[32768]} arrays: a class that nothing else here allocates, so that a heap diff
 * can tell the leak from the churn of {@code byte[]}. Rates are paced by wall time so that CPU contention changes them little. Prints "ready".
 */
public final class ServiceTarget {

    static final int CACHE_ENTRIES = 6400;          // x 16 KiB average = 100 MiB
    static final int GARBAGE_BYTES_PER_TICK = Integer.getInteger("garbageKiB", 3072) * 1024; // 3 MiB of short-lived garbage per 10 ms tick
    static final int REPLACEMENTS_PER_TICK = Integer.getInteger("replacements", 48); // x 16 KiB per 10 ms tick
    static final int LEAK_BYTES_PER_100MS = 256 * 1024;
    public static final long LEAK_BYTES_PER_SECOND = 10L * LEAK_BYTES_PER_100MS;

    public static void main(String[] args) {
        boolean leak = args.length > 0 && args[0].equals("leak");
        byte[][] cache = new byte[CACHE_ENTRIES][];
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < cache.length; i++) {
            cache[i] = entry(rnd);
        }
        List<long[]> retained = new ArrayList<>();
        System.out.println("ready");
        long start = System.nanoTime();
        long tick = 0;
        long sink = 0;
        while (true) {
            for (int done = 0; done < GARBAGE_BYTES_PER_TICK; ) {
                Object[] request = new Object[16];
                for (int j = 0; j < request.length; j++) {
                    request[j] = new byte[64 + rnd.nextInt(1024)];
                    done += ((byte[]) request[j]).length + 16;
                }
                sink += request.length;
            }
            for (int r = 0; r < REPLACEMENTS_PER_TICK; r++) {
                cache[rnd.nextInt(cache.length)] = entry(rnd);
            }
            tick++;
            if (leak && tick % 10 == 0) {
                retained.add(new long[LEAK_BYTES_PER_100MS / Long.BYTES]);
            }
            long due = start + tick * 10_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (sink == 42) {
                System.out.println(retained.size());
            }
        }
    }

    private static byte[] entry(ThreadLocalRandom rnd) {
        return new byte[8 * 1024 + rnd.nextInt(16 * 1024)];
    }
}
