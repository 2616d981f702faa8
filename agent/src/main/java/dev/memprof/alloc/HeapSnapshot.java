package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.util.List;

/**
 * The sampler's table at one moment. Counts are raw samples: multiply through {@link Unsampling} for estimates.
 *
 * @param rate      the sampling rate in force (mean bytes between samples)
 * @param timeNanos wall-clock time of the snapshot, epoch nanoseconds
 * @param buckets   one entry per (stack, allocated class)
 */
public record HeapSnapshot(long rate, long timeNanos, List<Bucket> buckets) {

    /**
     * Sampled allocations that share a stack and a class.
     *
     * @param allocObjects samples taken
     * @param allocBytes   bytes of those samples
     * @param inuseObjects samples whose object was still alive at the last GC
     * @param inuseBytes   bytes of those
     */
    public record Bucket(List<Frame> stack, String className, long allocObjects, long allocBytes,
                         long inuseObjects, long inuseBytes) {
    }
}
