package dev.memprof.capture;

import dev.memprof.memwatch.MemwatchListener;
import dev.memprof.metrics.MetricsRegistry;
import dev.memprof.pprof.NamedProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Automatic heap captures started from the agent's arguments: the directory, the capture thread and the trigger.
 * Starting registers nothing: the agent's start-up plan hangs the trigger on the leak watch, the collector on
 * {@code /metrics} and the directory on the routes.
 */
public final class HeapCaptures {

    private static final Logger log = LoggerFactory.getLogger(HeapCaptures.class);

    private final CaptureDirectory directory;
    private final HeapCapturer capturer;
    private final CaptureTrigger trigger;

    private HeapCaptures(CaptureDirectory directory, HeapCapturer capturer, CaptureTrigger trigger) {
        this.directory = directory;
        this.capturer = capturer;
        this.trigger = trigger;
    }

    /** Where captures are written, for the capture routes. */
    public CaptureDirectory directory() {
        return directory;
    }

    /** The capture metrics. */
    public MetricsRegistry.Collector collector() {
        return new CaptureCollector(capturer);
    }

    /** What the leak watch must tell: collections and leak events. */
    public MemwatchListener trigger() {
        return trigger;
    }

    /**
     * Starts captures when {@code captureDir} is set; returns null when captures are off (each reason for that is
     * one log line).
     *
     * @param heap     the heap profile that {@code /debug/pprof/heap} serves: a capture is the same bytes
     * @param sampling whether the allocation sampler runs; without it a capture holds no samples
     * @param leakWatchOn whether the leak watch, whose collections and leak events trigger captures, runs
     */
    public static HeapCaptures start(CaptureSettings settings, NamedProfile heap, boolean sampling,
                                     boolean leakWatchOn) {
        if (!settings.enabled()) {
            return null;
        }
        if (!leakWatchOn) {
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
        log.info("heap captures go to {}: {}on leak events, at most one per reason every {} s, the newest {} kept{}",
                directory.path(), threshold > 0 ? "post-GC heap >= " + threshold + " bytes and " : "",
                settings.interval().toSeconds(), settings.max(),
                sampling ? "" : " (rate=0: the captures hold no samples)");
        return new HeapCaptures(directory, capturer,
                new CaptureTrigger(threshold, settings.interval(), capturer::submit));
    }
}
