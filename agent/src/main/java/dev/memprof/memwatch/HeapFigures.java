package dev.memprof.memwatch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Process-wide heap figures for the heap summary: heap in use, completed collections, and the heap occupancy at
 * which the next collection is expected. How that last one is derived depends on the collector (docs/memwatch.md):
 * <ul>
 *   <li>Serial and Parallel: a young collection starts when eden is full, and eden's committed size is its
 *   capacity, so {@code used - edenUsed + edenCommitted}.</li>
 *   <li>G1: eden is resized at every pause and its pool shows no capacity, so the eden size at the last young
 *   collection stands in: {@code heapAfterLastGc + edenBeforeLastGc}.</li>
 *   <li>ZGC and Shenandoah: cycles start from allocation-rate heuristics; the occupancy at which the last cycle
 *   started ({@code heapBeforeLastGc}) is the estimate.</li>
 *   <li>Before the first collection: the committed heap.</li>
 * </ul>
 */
public final class HeapFigures {

    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Supplier<GcEvent> lastCollection;

    public HeapFigures(Supplier<GcEvent> lastCollection) {
        this.lastCollection = lastCollection;
    }

    public long heapInuse() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Completed collections: the cycle beans' counts (pause-only beans would count a cycle twice). */
    public long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            if (CollectorKind.of(gc.getName()).counted()) {
                n += Math.max(0, gc.getCollectionCount());
            }
        }
        return n;
    }

    public long nextGcTarget() {
        if (edenHasCapacity()) {
            long used = 0;
            long edenUsed = 0;
            long edenCommitted = 0;
            for (MemoryPoolMXBean p : heapPools) {
                var u = p.getUsage();
                used += u.getUsed();
                if (p.getName().toLowerCase(Locale.ROOT).contains("eden")) {
                    edenUsed += u.getUsed();
                    edenCommitted += u.getCommitted();
                }
            }
            return used - edenUsed + edenCommitted;
        }
        GcEvent last = lastCollection.get();
        if (last == null) {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        }
        if (last.edenBefore() > 0) {
            return last.heapAfter() + last.edenBefore();
        }
        return last.heapBefore();
    }

    /** Serial ("Copy") and Parallel ("PS Scavenge") keep a fixed-size eden between collections. */
    private boolean edenHasCapacity() {
        return collectors.stream().anyMatch(gc -> gc.getName().equals("Copy") || gc.getName().equals("PS Scavenge"));
    }
}
