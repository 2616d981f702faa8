package dev.memprof.alloc;

import dev.memprof.pprof.LegacyText;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Go's legacy heap text ({@code debug=1}): a header with the totals, one record per bucket with its raw sampled
 * counts {@code inuse_objects: inuse_bytes [alloc_objects: alloc_bytes]}, and a {@code # runtime.MemStats}-style
 * block with the JVM's heap figures. Like Go, the header states {@code heap/<2*rate>}: pprof's legacy reader
 * expects the doubled rate and does the unsampling itself.
 */
final class HeapLegacyText {

    private HeapLegacyText() {
    }

    static String format(HeapSnapshot snap) {
        long inuseN = 0;
        long inuseB = 0;
        long allocN = 0;
        long allocB = 0;
        for (HeapSnapshot.Bucket b : snap.buckets()) {
            inuseN += b.inuseObjects();
            inuseB += b.inuseBytes();
            allocN += b.allocObjects();
            allocB += b.allocBytes();
        }
        StringBuilder out = new StringBuilder(8192);
        out.append("heap profile: ").append(inuseN).append(": ").append(inuseB).append(" [").append(allocN)
                .append(": ").append(allocB).append("] @ heap/").append(2 * snap.rate()).append('\n');
        LegacyText text = new LegacyText();
        for (HeapSnapshot.Bucket b : snap.buckets()) {
            out.append(b.inuseObjects()).append(": ").append(b.inuseBytes()).append(" [").append(b.allocObjects())
                    .append(": ").append(b.allocBytes()).append("] @").append(text.addresses(b.stack()))
                    .append('\n');
            text.appendFrames(out, b.stack());
            out.append("#\tobject: ").append(b.className()).append('\n').append('\n');
        }
        appendMemStats(out);
        return out.toString();
    }

    private static void appendMemStats(StringBuilder out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        out.append("\n# runtime.MemStats\n")
                .append("# Alloc = ").append(heap.getUsed()).append('\n')
                .append("# Sys = ").append(heap.getCommitted() + nonHeap.getCommitted()).append('\n')
                .append("# HeapAlloc = ").append(heap.getUsed()).append('\n')
                .append("# HeapSys = ").append(heap.getCommitted()).append('\n')
                .append("# HeapIdle = ").append(heap.getCommitted() - heap.getUsed()).append('\n')
                .append("# HeapInuse = ").append(heap.getUsed()).append('\n')
                .append("# HeapMax = ").append(heap.getMax()).append('\n')
                .append("# NonHeapInuse = ").append(nonHeap.getUsed()).append('\n')
                .append("# NumGC = ").append(gcCount).append('\n')
                .append("# PauseTotalNs = ").append(gcMillis * 1_000_000L).append('\n');
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage u = pool.getUsage();
                out.append("# Pool[").append(pool.getName()).append("] used = ").append(u.getUsed())
                        .append(" committed = ").append(u.getCommitted()).append('\n');
            }
        }
    }
}
