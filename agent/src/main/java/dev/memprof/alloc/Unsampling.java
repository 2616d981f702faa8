package dev.memprof.alloc;

/**
 * Go's unsampling ({@code scaleHeapSample} in runtime/pprof): with samples taken at exponentially distributed byte
 * intervals of mean {@code rate}, an object of {@code size} bytes is sampled with probability
 * {@code 1 - exp(-size/rate)}, so a bucket's counts are divided by that probability, using the bucket's average size.
 */
public final class Unsampling {

    private Unsampling() {
    }

    /** The factor to multiply a bucket's sampled count and bytes by. 1 when sampling every allocation. */
    public static double scale(long count, long bytes, long rate) {
        if (count <= 0 || bytes <= 0 || rate <= 1) {
            return 1.0;
        }
        double avg = (double) bytes / count;
        return 1.0 / -Math.expm1(-avg / rate);
    }

    /** Scaled {count, bytes}, rounded as Go does (truncated to int64). */
    public static long[] scaled(long count, long bytes, long rate) {
        double s = scale(count, bytes, rate);
        return new long[]{(long) (count * s), (long) (bytes * s)};
    }
}
