package dev.memprof.capture;

import dev.memprof.memwatch.GcEvent;
import dev.memprof.memwatch.LeakEvent;
import dev.memprof.memwatch.MemwatchListener;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Decides when to capture: after a collection whose post-GC heap is at or above the threshold, and on every leak
 * event; each reason at most once per interval. The interval is measured between the triggering events' own times
 * (the collection's end, the leak's detection), which come from the JVM's uptime clock, so a wall-clock step does
 * not stall or flood captures. A request the capture thread had no room for does not count toward the interval, so
 * the next trigger tries again.
 *
 * <p>Runs on memwatch's thread: it only compares and hands the request on.
 */
public final class CaptureTrigger implements MemwatchListener {

    private final long thresholdBytes;
    private final Duration interval;
    private final BiPredicate<CaptureReason, Instant> capturer;
    private final Map<CaptureReason, Instant> last = new EnumMap<>(CaptureReason.class);

    /**
     * @param thresholdBytes post-GC heap that triggers a capture; 0 or less for none
     * @param interval       shortest time between two captures of one reason
     * @param capturer       queues a capture, returning false when it could not
     */
    public CaptureTrigger(long thresholdBytes, Duration interval, BiPredicate<CaptureReason, Instant> capturer) {
        this.thresholdBytes = thresholdBytes;
        this.interval = interval;
        this.capturer = capturer;
    }

    @Override
    public void collection(GcEvent e) {
        // pause reports of concurrent collectors are not completed collections: their heap figure is no post-GC heap
        if (thresholdBytes > 0 && e.kind().counted() && e.heapAfter() >= thresholdBytes) {
            fire(CaptureReason.THRESHOLD, e.end());
        }
    }

    @Override
    public void leak(LeakEvent e) {
        fire(CaptureReason.LEAK, e.timestamp());
    }

    private synchronized void fire(CaptureReason reason, Instant time) {
        Instant previous = last.get(reason);
        if (previous != null && time.isBefore(previous.plus(interval))) {
            return;
        }
        if (capturer.test(reason, time)) {
            last.put(reason, time);
        }
    }
}
