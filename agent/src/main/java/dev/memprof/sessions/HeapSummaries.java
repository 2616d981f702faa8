package dev.memprof.sessions;

import dev.memprof.memwatch.HeapFigures;

/** Puts a session's heap summary together from the process-wide figures and the session's samples. */
public final class HeapSummaries {

    private final AllocatedBytes allocated;
    private final HeapFigures heap;

    public HeapSummaries(AllocatedBytes allocated, HeapFigures heap) {
        this.allocated = allocated;
        this.heap = heap;
    }

    public HeapSummary of(Session s) {
        return new HeapSummary(s.id(), allocated.total(), heap.heapInuse(), heap.gcCount(), heap.nextGcTarget(),
                TopFunctions.of(s.samples(), s.rate()));
    }
}
