package dev.memprof.sessions;

import java.util.List;

/** The body of {@code GET /api/v1/profiling/heap/{sessionId}/summary}. */
public record HeapSummary(String sessionId, long totalAllocBytes, long heapInuseBytes, long gcCount,
                          long nextGcTargetBytes, List<FunctionShare> topAllocFunctions) {
}
