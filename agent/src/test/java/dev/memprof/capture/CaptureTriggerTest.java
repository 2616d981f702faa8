package dev.memprof.capture;

import dev.memprof.memwatch.CollectorKind;
import dev.memprof.memwatch.GcEvent;
import dev.memprof.memwatch.LeakEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class CaptureTriggerTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final long MB = 1 << 20;

    private record Fired(CaptureReason reason, Instant time) {
    }

    private final List<Fired> fired = new ArrayList<>();
    private boolean accept = true;
    private final CaptureTrigger trigger = new CaptureTrigger(100 * MB, Duration.ofSeconds(10), (reason, time) -> {
        if (accept) {
            fired.add(new Fired(reason, time));
        }
        return accept;
    });

    private static GcEvent gc(CollectorKind kind, long secondsAfterT, long heapAfter) {
        return new GcEvent("test", kind, "test", T.plusSeconds(secondsAfterT), heapAfter * 2, heapAfter, heapAfter,
                heapAfter, 0);
    }

    private static LeakEvent leak(long secondsAfterT) {
        Instant t = T.plusSeconds(secondsAfterT);
        return new LeakEvent(t, t.minusSeconds(60), t, 20 * MB, "test");
    }

    @Test
    void aPostGcHeapAtOrAboveTheThresholdCapturesOncePerInterval() {
        trigger.collection(gc(CollectorKind.YOUNG, 0, 100 * MB - 1));
        trigger.collection(gc(CollectorKind.YOUNG, 1, 100 * MB));
        trigger.collection(gc(CollectorKind.FULL, 5, 300 * MB));
        trigger.collection(gc(CollectorKind.PAUSES, 11, 300 * MB));
        trigger.collection(gc(CollectorKind.FULL, 11, 300 * MB));
        trigger.collection(gc(CollectorKind.FULL, 12, 300 * MB));
        assertEquals(List.of(new Fired(CaptureReason.THRESHOLD, T.plusSeconds(1)),
                new Fired(CaptureReason.THRESHOLD, T.plusSeconds(11))), fired);
    }

    @Test
    void eachReasonHasItsOwnInterval() {
        trigger.collection(gc(CollectorKind.FULL, 0, 200 * MB));
        trigger.leak(leak(1));
        trigger.leak(leak(9));
        trigger.leak(leak(10));
        trigger.collection(gc(CollectorKind.FULL, 10, 200 * MB));
        assertEquals(List.of(new Fired(CaptureReason.THRESHOLD, T), new Fired(CaptureReason.LEAK, T.plusSeconds(1)),
                new Fired(CaptureReason.THRESHOLD, T.plusSeconds(10))), fired);
        trigger.leak(leak(11));
        assertEquals(new Fired(CaptureReason.LEAK, T.plusSeconds(11)), fired.get(fired.size() - 1));
    }

    @Test
    void aRequestTheCapturerRefusedDoesNotStartTheInterval() {
        accept = false;
        trigger.leak(leak(0));
        accept = true;
        trigger.leak(leak(1));
        assertEquals(List.of(new Fired(CaptureReason.LEAK, T.plusSeconds(1))), fired);
    }

    @Test
    void withoutAThresholdOnlyLeaksCapture() {
        CaptureTrigger leaksOnly = new CaptureTrigger(-1, Duration.ofSeconds(1), (r, t) -> fired.add(new Fired(r, t)));
        leaksOnly.collection(gc(CollectorKind.FULL, 0, Long.MAX_VALUE / 4));
        leaksOnly.leak(leak(0));
        assertEquals(List.of(new Fired(CaptureReason.LEAK, T)), fired);
    }
}
