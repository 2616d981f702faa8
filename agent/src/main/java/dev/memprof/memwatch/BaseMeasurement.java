package dev.memprof.memwatch;

import java.time.Instant;

/** One measurement of the live heap: the post-GC heap after a collection that reclaimed old-generation space. */
public record BaseMeasurement(Instant time, long bytes) {
}
