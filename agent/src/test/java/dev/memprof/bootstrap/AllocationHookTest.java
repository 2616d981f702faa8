package dev.memprof.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampler's maths: exponential intervals with the configured mean, and Go-consistent sample counts. */
class AllocationHookTest {

    private static final long RATE = 512 * 1024;

    @AfterEach
    void uninstall() {
        AllocationHook.install(null, RATE, 2, 16);
    }

    @Test
    void intervalsAreExponentialWithMeanRate() {
        AllocationHook.install(null, RATE, 2, 16);
        int n = 400_000;
        double sum = 0;
        int belowMean = 0;
        for (int i = 0; i < n; i++) {
            long x = AllocationHook.nextInterval(16 * (i % 256));
            assertTrue(x >= 0);
            sum += x;
            if (x < RATE) {
                belowMean++;
            }
        }
        double mean = sum / n;
        // the standard error of the mean of an exponential is mean/sqrt(n): 0.16% here; allow 4 SE
        assertEquals(RATE, mean, RATE * 0.0064, "mean interval");
        // P(X < mean) = 1 - 1/e for an exponential
        assertEquals(1 - Math.exp(-1), belowMean / (double) n, 0.004, "share of intervals below the mean");
    }

    @Test
    void sampleCountMatchesBytesOverRate() {
        AtomicLong samples = new AtomicLong();
        AllocationHook.install(new AllocationHook.Sink() {
            @Override
            public long objectSize(Object o) {
                return 40;
            }

            @Override
            public void sample(Object o, long size) {
                samples.incrementAndGet();
            }
        }, RATE, 2, 16);
        byte[] array = new byte[1000];
        long arrays = 1 << 21; // 2 GiB of byte[1000] counted through the hook
        for (long i = 0; i < arrays; i++) {
            AllocationHook.array(array, 1000, 0);
        }
        double expected = arrays * 1016.0 * (1 - Math.exp(-1016.0 / RATE)) / 1016.0; // samples = N * p(size)
        double se = Math.sqrt(expected);
        assertEquals(expected, samples.get(), 4 * se, "samples for 2 GiB at rate 512 KiB");
    }

    @Test
    void objectSizeIsMeasuredOnceAndEveryObjectCounted() {
        AtomicLong measured = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        AllocationHook.install(new AllocationHook.Sink() {
            @Override
            public long objectSize(Object o) {
                measured.incrementAndGet();
                return 48;
            }

            @Override
            public void sample(Object o, long size) {
                assertEquals(48, size);
                samples.incrementAndGet();
            }
        }, RATE, 2, 16);
        int slot = AllocationHook.MAX_SLOTS - 2; // a slot no other test uses
        Object o = new Object();
        long objects = 1L << 25; // 1.5 GiB of 48-byte objects
        for (long i = 0; i < objects; i++) {
            AllocationHook.object(o, slot);
        }
        assertEquals(1, measured.get(), "measured once");
        double expected = objects * (1 - Math.exp(-48.0 / RATE));
        assertEquals(expected, samples.get(), 4 * Math.sqrt(expected), "samples for 1.5 GiB at rate 512 KiB");
    }
}
