package dev.memprof.memwatch;

import dev.memprof.alloc.HeapSnapshot;
import dev.memprof.alloc.Unsampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class CensusTest {

    @Test
    void histogramRowsAreParsedWithJavaNames() {
        String text = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          1000         160000  [B (java.base@17.0.1)
                   2:            20            640  [[Ljava.lang.String; (java.base@17.0.1)
                   3:             5            120  com.example.Leaky
                Total          1025         160760
                """;
        Census c = HistogramCensus.parse(text, Instant.EPOCH);
        assertEquals(new Census.Counts(1000, 160000, -1), c.classes().get("byte[]"));
        assertEquals(new Census.Counts(20, 640, -1), c.classes().get("java.lang.String[][]"));
        assertEquals(new Census.Counts(5, 120, -1), c.classes().get("com.example.Leaky"));
        assertEquals(1025, c.liveObjects());
    }

    @Test
    void sampledCensusUnsamplesEachBucketThenAddsByClass() {
        long rate = 512 * 1024;
        HeapSnapshot s = new HeapSnapshot(rate, 0, List.of(
                new HeapSnapshot.Bucket(List.of(), "byte[]", 4, 4 * 1024 * 1024, 2, 2 * 1024 * 1024),
                new HeapSnapshot.Bucket(List.of(), "byte[]", 10, 1000, 10, 1000)));
        Census c = SampledCensus.of(s);
        long[] big = Unsampling.scaled(2, 2 * 1024 * 1024, rate);
        long[] small = Unsampling.scaled(10, 1000, rate);
        assertEquals(big[1] + small[1], c.classes().get("byte[]").liveBytes());
        assertEquals(big[0] + small[0], c.classes().get("byte[]").liveObjects());
    }

    @Test
    void histogramDiffCountsNetChangesPerClass() {
        Census before = new Census(Instant.EPOCH, Map.of("A", new Census.Counts(10, 100, -1),
                "B", new Census.Counts(5, 50, -1)));
        Census after = new Census(Instant.EPOCH, Map.of("A", new Census.Counts(4, 40, -1),
                "C", new Census.Counts(7, 700, -1)));
        HeapDiff d = HeapDiff.between(before, after);
        assertEquals(List.of(new HeapDiff.Detail("C", 700, 7, 0), new HeapDiff.Detail("A", -60, 0, 6),
                new HeapDiff.Detail("B", -50, 0, 5)), d.details());
        assertEquals(7, d.allocatedNodes());
        assertEquals(11, d.freedNodes());
        assertEquals(590, d.changeBytes());
    }
}
