package dev.memprof.memwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The difference between two censuses, by class.
 *
 * <p>Per class, {@code plus} counts objects allocated in the window and alive at its end, {@code minus} objects
 * freed, and {@code after = before + plus - minus} holds. With the sampler's census the number allocated is known
 * ({@code A}), and {@code plus = min(A, liveAfter)}: which objects of the class died is not, so the estimate takes
 * the newest as the survivors. With the histogram only the live counts are known, so {@code plus} and {@code minus}
 * are the net rise or fall. {@code details} keeps the {@value #MAX_DETAILS} classes with the largest change in bytes.
 */
public record HeapDiff(Instant timestamp, Totals before, Totals after, long freedNodes, long allocatedNodes,
                       List<Detail> details) {

    public static final int MAX_DETAILS = 100;

    public record Totals(long nodes, long sizeBytes) {
    }

    public record Detail(String what, long sizeBytes, long plus, long minus) {
    }

    public long changeBytes() {
        return after.sizeBytes - before.sizeBytes;
    }

    public static HeapDiff between(Census before, Census after) {
        Set<String> names = new HashSet<>(before.classes().keySet());
        names.addAll(after.classes().keySet());
        List<Detail> details = new ArrayList<>();
        long freed = 0;
        long allocated = 0;
        for (String name : names) {
            Census.Counts b = before.classes().getOrDefault(name, Census.Counts.ZERO);
            Census.Counts a = after.classes().getOrDefault(name, Census.Counts.ZERO);
            long plus;
            long minus;
            if (a.allocObjects() >= 0 && b.allocObjects() >= 0) {
                long allocatedInWindow = Math.max(0, a.allocObjects() - b.allocObjects());
                plus = Math.min(allocatedInWindow, a.liveObjects());
                minus = Math.max(0, b.liveObjects() + plus - a.liveObjects());
            } else {
                plus = Math.max(0, a.liveObjects() - b.liveObjects());
                minus = Math.max(0, b.liveObjects() - a.liveObjects());
            }
            long bytes = a.liveBytes() - b.liveBytes();
            freed += minus;
            allocated += plus;
            if (plus != 0 || minus != 0 || bytes != 0) {
                details.add(new Detail(name, bytes, plus, minus));
            }
        }
        details.sort(Comparator.comparingLong((Detail d) -> -Math.abs(d.sizeBytes())).thenComparing(Detail::what));
        List<Detail> top = List.copyOf(details.subList(0, Math.min(MAX_DETAILS, details.size())));
        return new HeapDiff(after.time(), new Totals(before.liveObjects(), before.liveBytes()),
                new Totals(after.liveObjects(), after.liveBytes()), freed, allocated, top);
    }

    /** A diff known only by its totals (a leak seen without the sampler). */
    public static HeapDiff ofTotals(Instant timestamp, long beforeBytes, long afterBytes) {
        return new HeapDiff(timestamp, new Totals(0, beforeBytes), new Totals(0, afterBytes), 0, 0, List.of());
    }
}
