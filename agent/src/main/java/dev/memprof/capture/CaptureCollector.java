package dev.memprof.capture;

import dev.memprof.metrics.Exposition;
import dev.memprof.metrics.MetricsRegistry;

/** The capture thread's figures for {@code /metrics}. */
public final class CaptureCollector implements MetricsRegistry.Collector {

    private final HeapCapturer capturer;

    public CaptureCollector(HeapCapturer capturer) {
        this.capturer = capturer;
    }

    @Override
    public void collect(Exposition out) {
        out.family("memprof_captures_written_total", Exposition.Type.COUNTER,
                "Heap captures written to captureDir, by reason.");
        for (CaptureReason r : CaptureReason.values()) {
            out.sample(capturer.written(r), "reason", r.label());
        }
        out.family("memprof_captures_dropped_total", Exposition.Type.COUNTER,
                "Heap captures not taken because the capture thread was busy.").sample(capturer.dropped());
        out.family("memprof_captures_failed_total", Exposition.Type.COUNTER,
                "Heap captures that could not be built or written.").sample(capturer.failed());
        out.family("memprof_captures_deleted_total", Exposition.Type.COUNTER,
                "Heap captures deleted because more than captureMax were kept.").sample(capturer.deleted());
    }
}
