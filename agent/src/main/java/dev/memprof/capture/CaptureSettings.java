package dev.memprof.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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

    /**
     * Parses {@code captureInterval}: whole seconds, optionally with a unit ({@code 300}, {@code 300s}, {@code 5m},
     * {@code 1h}), from 1 second to 7 days. Returns the seconds, or null when malformed or out of range.
     */
    public static Long parseIntervalSeconds(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 0;
        };
        String digits = unit == 0 ? v : v.substring(0, v.length() - 1);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long seconds = Long.parseLong(digits) * Math.max(unit, 1);
        return seconds >= 1 && seconds <= MAX_INTERVAL_SECONDS ? seconds : null;
    }
}
