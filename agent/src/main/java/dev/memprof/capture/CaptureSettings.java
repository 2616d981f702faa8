package dev.memprof.capture;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The capture arguments as parsed: {@code captureDir} (null: captures off), {@code captureThreshold},
 * {@code captureInterval} and {@code captureMax}.
 */
public record CaptureSettings(Path directory, CaptureThreshold threshold, Duration interval, int max) {

    public static final long DEFAULT_INTERVAL_SECONDS = 300;
    public static final long MAX_INTERVAL_SECONDS = 7 * 86_400;
    public static final int DEFAULT_MAX = 20;
    public static final int MAX_MAX = 10_000;

    public boolean enabled() {
        return directory != null;
    }
}
