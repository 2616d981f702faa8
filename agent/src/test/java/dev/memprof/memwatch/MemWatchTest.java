package dev.memprof.memwatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Timeout(10)
class MemWatchTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aLeakStoresAProfileThatDiffsTheRunsFirstAndLastCensus() throws Exception {
        long[] leaked = {0};
        CensusSource sampled = () -> new Census(Instant.now(), Map.of(
                "com.example.Leak", new Census.Counts(leaked[0], leaked[0] * MB, leaked[0]),
                "byte[]", new Census.Counts(100, 100 * MB, 1000)));
        CensusSource histogram = () -> {
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE, "not in this test");
        };
        MemWatch w = new MemWatch(sampled, histogram, 0, 0, GrowthTrend.DEFAULT_WINDOW);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            leaked[0] = 10L * (i + 1);
            long base = 100 * MB + leaked[0] * MB;
            w.onGc(new GcEvent("PS MarkSweep", CollectorKind.FULL, "Ergonomics", t.plusSeconds(10L * i),
                    base + 500 * MB, base, base + 400 * MB, base, 0));
        }
        Status status = w.status();
        assertEquals("leak", status.lastEvent());
        assertNotNull(status.lastLeak());
        assertEquals(40 * MB, status.lastLeak().growth());
        assertEquals(5, status.lastGC().numFullGc());
        MemoryProfile p = w.profile("leak-1");
        HeapDiff d = p.status().lastDiff();
        assertEquals(new HeapDiff.Detail("com.example.Leak", 40 * MB, 40, 0), d.details().get(0));
        assertEquals(1, d.details().size(), "byte[] did not change");
        assertEquals(status.lastLeak(), p.status().lastLeak());
        assertEquals(60.0 * MB, status.growth().slopeBytesPerMinute(), 1.0, "10 MiB per 10 s");
        assertEquals(5, status.growth().samples());
        assertEquals(1, w.leakEvents());
    }

    @Test
    void theListenerHearsEveryCollectionAndEachLeak() {
        List<GcEvent> collections = new ArrayList<>();
        List<LeakEvent> leaks = new ArrayList<>();
        CensusSource none = () -> {
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE, "not in this test");
        };
        MemWatch w = new MemWatch(null, none, 0, 0, GrowthTrend.DEFAULT_WINDOW);
        w.listener(new MemwatchListener() {
            @Override
            public void collection(GcEvent e) {
                collections.add(e);
            }

            @Override
            public void leak(LeakEvent e) {
                leaks.add(e);
            }
        });
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            long base = (100 + 10L * i) * MB;
            w.onGc(new GcEvent("MarkSweepCompact", CollectorKind.FULL, "System.gc()", t.plusSeconds(i), 2 * base,
                    base, base, base, 0));
        }
        w.onGc(new GcEvent("Copy", CollectorKind.YOUNG, "Allocation Failure", t.plusSeconds(5), MB, MB, 0, 0, MB));
        assertEquals(6, collections.size());
        assertEquals(List.of(w.status().lastLeak()), leaks);
    }
}
