package dev.memprof.threads;

import dev.memprof.pprof.NamedProfile;
import dev.memprof.pprof.SampleType;

import java.util.List;
import java.util.function.BooleanSupplier;

/** A count profile of threads (goroutine, threadcreate): its rows, written whole or as Go's seconds=N delta. */
abstract class ThreadCountProfile implements NamedProfile {

    private final SampleType type;

    ThreadCountProfile(SampleType type) {
        this.type = type;
    }

    /** One row per live thread. */
    abstract List<ThreadCounts.Row> rows();

    @Override
    public byte[] pprof() {
        return ThreadCounts.write(type, ThreadCounts.count(rows()), 0);
    }

    /** Go's {@code <name>?seconds=N}: how the count of threads per row changed over N seconds. */
    @Override
    public boolean supportsDelta() {
        return true;
    }

    @Override
    public byte[] delta(long seconds, BooleanSupplier cancelled) throws InterruptedException {
        return ThreadCounts.delta(type, this::rows, seconds, cancelled);
    }
}
