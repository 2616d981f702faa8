package dev.memprof.capture;

import dev.memprof.memwatch.MemWatch;
import dev.memprof.metrics.MetricsRegistry;
import dev.memprof.pprof.NamedProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Starts automatic heap captures from the agent's arguments: the directory, the capture thread and the trigger. */
public final class HeapCaptures {

    private static final Logger log = LoggerFactory.getLogger(HeapCaptures.class);

    private HeapCaptures() {
    }

    /**
     * Starts captures when {@code captureDir} is set; returns the directory for the routes, or null when captures
     * are off (each reason for that is one log line).
     *
     * @param heap     the heap profile that {@code /debug/pprof/heap} serves: a capture is the same bytes
     * @param sampling whether the allocation sampler runs; without it a capture holds no samples
     * @param memwatch the leak watch, whose collections and leak events trigger captures; null if it is off
     */
    public static CaptureDirectory start(CaptureSettings settings, NamedProfile heap, boolean sampling,
                                         MemWatch memwatch, MetricsRegistry metrics) {
        if (!settings.enabled()) {
            return null;
        }
        if (memwatch == null) {
            log.warn("heap captures are off: they need the leak watch, which did not start");
            return null;
        }
        CaptureDirectory directory;
        try {
            directory = CaptureDirectory.open(settings.directory());
        } catch (IOException | RuntimeException e) {
            log.warn("heap captures are off: captureDir {} is not a writable directory ({})", settings.directory(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
        long threshold = settings.threshold().resolve(Runtime.getRuntime().maxMemory());
        if (settings.threshold().isSet() && threshold <= 0) {
            log.warn("captureThreshold={} is off: the maximum heap size is not known", settings.threshold());
        }
        HeapCapturer capturer = HeapCapturer.start(heap::pprof, directory, settings.max());
        metrics.register(new CaptureCollector(capturer));
        memwatch.listener(new CaptureTrigger(threshold, settings.interval(), capturer::submit));
        log.info("heap captures go to {}: {}on leak events, at most one per reason every {} s, the newest {} kept{}",
                directory.path(), threshold > 0 ? "post-GC heap >= " + threshold + " bytes and " : "",
                settings.interval().toSeconds(), settings.max(),
                sampling ? "" : " (rate=0: the captures hold no samples)");
        return directory;
    }
}
