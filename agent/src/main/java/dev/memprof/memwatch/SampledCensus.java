package dev.memprof.memwatch;

import dev.memprof.alloc.AllocationSource;
import dev.memprof.alloc.HeapSnapshot;
import dev.memprof.alloc.Unsampling;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A census from the allocation sampler's live set: no pause, no GC. Each bucket is unsampled on its own (Go's
 * formula, by the bucket's average size) before buckets of one class are added up. Live figures are as of the last
 * completed GC, as the sampler keeps them.
 */
public final class SampledCensus implements CensusSource {

    private final AllocationSource source;

    public SampledCensus(AllocationSource source) {
        this.source = source;
    }

    @Override
    public Census take() throws MemwatchException {
        if (source.rate() <= 0) {
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE,
                    "the allocation sampler is off (rate=0); use ?mode=histogram");
        }
        return of(source.snapshot());
    }

    static Census of(HeapSnapshot snapshot) {
        Map<String, Census.Counts> classes = new HashMap<>();
        for (HeapSnapshot.Bucket b : snapshot.buckets()) {
            long[] live = Unsampling.scaled(b.inuseObjects(), b.inuseBytes(), snapshot.rate());
            long[] alloc = Unsampling.scaled(b.allocObjects(), b.allocBytes(), snapshot.rate());
            classes.merge(b.className(), new Census.Counts(live[0], live[1], alloc[0]), Census.Counts::plus);
        }
        return new Census(Instant.ofEpochSecond(0, snapshot.timeNanos()), classes);
    }
}
