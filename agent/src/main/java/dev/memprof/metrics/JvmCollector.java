package dev.memprof.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** Heap pools (used, committed, max) and collectors (count, time), from the platform MXBeans. */
public final class JvmCollector implements MetricsRegistry.Collector {

    @Override
    public void collect(Exposition out) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        out.family("memprof_heap_used_bytes", Exposition.Type.GAUGE, "Heap memory in use, by pool.");
        pools.forEach(p -> out.sample(p.getUsage().getUsed(), "pool", p.getName()));
        out.family("memprof_heap_committed_bytes", Exposition.Type.GAUGE, "Heap memory committed, by pool.");
        pools.forEach(p -> out.sample(p.getUsage().getCommitted(), "pool", p.getName()));
        out.family("memprof_heap_max_bytes", Exposition.Type.GAUGE,
                "Maximum heap memory, by pool (-1 when undefined).");
        pools.forEach(p -> out.sample(p.getUsage().getMax(), "pool", p.getName()));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.family("memprof_heap_total_used_bytes", Exposition.Type.GAUGE, "Heap memory in use, all pools.");
        out.sample(heap.getUsed());

        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        out.family("memprof_gc_collections_total", Exposition.Type.COUNTER, "Collections, by collector.");
        gcs.forEach(g -> out.sample(Math.max(0, g.getCollectionCount()), "collector", g.getName()));
        out.family("memprof_gc_time_seconds_total", Exposition.Type.COUNTER,
                "Time spent in collections, by collector.");
        gcs.forEach(g -> out.sample(Math.max(0, g.getCollectionTime()) / 1000.0, "collector", g.getName()));
    }
}
