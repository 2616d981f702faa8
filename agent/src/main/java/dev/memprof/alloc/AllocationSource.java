package dev.memprof.alloc;

/**
 * What the rest of the agent may ask of the allocation sampler: the sampled heap (cumulative and live) and a feed
 * of samples as they are taken. Values are raw sampled counts; {@link Unsampling} turns them into estimates.
 */
public interface AllocationSource {

    /** Mean bytes between samples; 0 when sampling is off. */
    long rate();

    /** The sampled buckets as of now: cumulative allocations and what is still alive as of the last GC. */
    HeapSnapshot snapshot();

    /** Receives every sample on the allocating thread, after it is recorded. Keep it short and never throw. */
    void addListener(SampleListener listener);

    void removeListener(SampleListener listener);
}
