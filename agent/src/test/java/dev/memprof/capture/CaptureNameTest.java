package dev.memprof.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class CaptureNameTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:00.789Z");

    @Test
    void namesCarryTheReasonAndTheUtcSecond() {
        assertEquals("heap_leak_20261123T101500Z.pb.gz", new CaptureName(CaptureReason.LEAK, T, 1).fileName());
        assertEquals("heap_threshold_20261123T101500Z-2.pb.gz",
                new CaptureName(CaptureReason.THRESHOLD, T, 2).fileName());
        CaptureName parsed = CaptureName.parse("heap_threshold_20261123T101500Z-17.pb.gz");
        assertEquals(new CaptureName(CaptureReason.THRESHOLD, Instant.parse("2026-11-23T10:15:00Z"), 17), parsed);
    }

    @Test
    void onlyOurCanonicalNamesParse() {
        for (String bad : List.of("", "heap_leak_20261123T101500Z.pb", "heap_oom_20261123T101500Z.pb.gz",
                "heap_leak_20261123T101500Z-1.pb.gz", "heap_leak_20261123T101500Z-02.pb.gz",
                "heap_leak_20261123T101500Z-10000.pb.gz", "heap_leak_20261323T101500Z.pb.gz",
                "heap_leak_20260230T101500Z.pb.gz", "heap_leak_20261123T246000Z.pb.gz",
                "heap_LEAK_20261123T101500Z.pb.gz", "../heap_leak_20261123T101500Z.pb.gz",
                "heap_leak_20261123T101500Z.pb.gz/", "heap_leak_20261123T101500Z.pb.gz\n",
                ".heap_leak_20261123T101500Z.pb.gz.tmp", "heap_leak_２0261123T101500Z.pb.gz")) {
            assertNull(CaptureName.parse(bad), bad);
        }
        assertNull(CaptureName.parse(null));
    }

    @Test
    void orderIsByTimeThenSequenceAcrossReasons() {
        CaptureName a = new CaptureName(CaptureReason.LEAK, T, 1);
        CaptureName b = new CaptureName(CaptureReason.LEAK, T, 2);
        CaptureName c = new CaptureName(CaptureReason.THRESHOLD, T.plusSeconds(1), 1);
        CaptureName d = new CaptureName(CaptureReason.LEAK, T.plusSeconds(2), 1);
        List<CaptureName> names = new ArrayList<>(List.of(d, c, b, a));
        Collections.sort(names);
        assertEquals(List.of(a, b, c, d), names);
    }
}
