package dev.memprof.sessions;

import dev.memprof.metrics.Exposition;
import dev.memprof.metrics.MetricsRegistry;

/** {@code memprof_allocated_bytes_total}: every byte the application allocated, ended threads included. */
public final class AllocatedBytesCollector implements MetricsRegistry.Collector {

    private final AllocatedBytes allocated;

    public AllocatedBytesCollector(AllocatedBytes allocated) {
        this.allocated = allocated;
    }

    @Override
    public void collect(Exposition out) {
        out.family("memprof_allocated_bytes_total", Exposition.Type.COUNTER,
                "Bytes allocated in the heap since the JVM started, by all threads including ended ones "
                        + "(the JVM's own count, not sampled).").sample(allocated.total());
    }
}
