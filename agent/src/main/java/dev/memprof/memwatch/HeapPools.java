package dev.memprof.memwatch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which memory pools make up the heap, which of them hold old objects and which is the eden. Sums a GC
 * notification's per-pool usage maps into those three figures.
 *
 * <p>Old pools are those named "Old" or "Tenured" (G1 Old Gen, PS Old Gen, Tenured Gen, ZGC Old Generation). A
 * single-generation heap (ZGC before JDK 21's generational mode, Shenandoah) has none; there the whole heap counts
 * as old, since every cycle collects all of it.
 */
public record HeapPools(Set<String> heap, Set<String> old, Set<String> eden) {

    public static HeapPools of(List<MemoryPoolMXBean> pools) {
        Set<String> heap = pools.stream().filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        return of(heap);
    }

    public static HeapPools of(Set<String> heapPoolNames) {
        Set<String> old = heapPoolNames.stream().filter(n -> has(n, "old") || has(n, "tenured"))
                .collect(Collectors.toUnmodifiableSet());
        Set<String> eden = heapPoolNames.stream().filter(n -> has(n, "eden"))
                .collect(Collectors.toUnmodifiableSet());
        return new HeapPools(Set.copyOf(heapPoolNames), old.isEmpty() ? Set.copyOf(heapPoolNames) : old, eden);
    }

    public static HeapPools ofPlatform() {
        return of(ManagementFactory.getMemoryPoolMXBeans());
    }

    public long heapUsed(Map<String, MemoryUsage> usage) {
        return sum(usage, heap);
    }

    public long oldUsed(Map<String, MemoryUsage> usage) {
        return sum(usage, old);
    }

    public long edenUsed(Map<String, MemoryUsage> usage) {
        return sum(usage, eden);
    }

    private static long sum(Map<String, MemoryUsage> usage, Set<String> names) {
        long total = 0;
        for (String n : names) {
            MemoryUsage u = usage.get(n);
            if (u != null) {
                total += u.getUsed();
            }
        }
        return total;
    }

    private static boolean has(String name, String word) {
        return name.toLowerCase(Locale.ROOT).contains(word);
    }
}
