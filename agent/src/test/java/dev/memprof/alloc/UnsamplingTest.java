package dev.memprof.alloc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Go's scaleHeapSample: scale = 1 / (1 - exp(-avg/rate)), avg = bytes/count. */
class UnsamplingTest {

    @Test
    void objectOfRateSizeIsScaledByOneOverOneMinusInverseE() {
        assertEquals(1 / (1 - Math.exp(-1)), Unsampling.scale(1, 1024, 1024), 1e-12);
    }

    @Test
    void smallObjectsScaleToAboutRateOverSize() {
        double s = Unsampling.scale(10, 10 * 16, 512 * 1024);
        assertEquals(512 * 1024 / 16.0, s, 1.0); // 1/(1-e^-x) = 1/x + 1/2 + O(x)
    }

    @Test
    void objectsMuchLargerThanRateAreNotScaled() {
        assertEquals(1.0, Unsampling.scale(3, 3L * 64 * 1024 * 1024, 512 * 1024), 1e-9);
    }

    @Test
    void edgeCasesLeaveValuesAlone() {
        assertEquals(1.0, Unsampling.scale(0, 0, 512 * 1024));
        assertEquals(1.0, Unsampling.scale(5, 500, 1)); // rate=1: every allocation was recorded
        assertArrayEquals(new long[]{0, 0}, Unsampling.scaled(0, 0, 512 * 1024));
    }

    @Test
    void scaledValuesAreTruncatedLikeGo() {
        long[] v = Unsampling.scaled(2, 2048, 1024);
        double s = 1 / (1 - Math.exp(-1));
        assertArrayEquals(new long[]{(long) (2 * s), (long) (2048 * s)}, v);
    }
}
