package dev.memprof.capture;

import java.util.Locale;

/**
 * {@code captureThreshold}: a heap size in bytes ({@code 805306368}, {@code 768m}, {@code 2g}: binary k, m, g) or a
 * percentage of the maximum heap ({@code 80%}). {@link #NONE} means no threshold captures.
 *
 * @param bytes   the absolute threshold, or 0
 * @param percent the percentage of the maximum heap (1 to 100), or 0
 */
public record CaptureThreshold(long bytes, int percent) {

    public static final CaptureThreshold NONE = new CaptureThreshold(0, 0);
    private static final long MAX_BYTES = 1L << 50;

    public boolean isSet() {
        return bytes > 0 || percent > 0;
    }

    /** The threshold in bytes for a heap of {@code maxHeap} bytes; -1 when unset or the maximum is unknown. */
    public long resolve(long maxHeap) {
        if (bytes > 0) {
            return bytes;
        }
        if (percent == 0 || maxHeap <= 0 || maxHeap == Long.MAX_VALUE) {
            return -1;
        }
        return (long) (maxHeap * (percent / 100.0));
    }

    /** Parses the argument's value; null when it is malformed or out of range. */
    public static CaptureThreshold parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("%")) {
            long p = digits(v.substring(0, v.length() - 1), 100);
            return p >= 1 ? new CaptureThreshold(0, (int) p) : null;
        }
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        long n = digits(unit == 1 ? v : v.substring(0, v.length() - 1), MAX_BYTES / unit);
        return n >= 1 ? new CaptureThreshold(n * unit, 0) : null;
    }

    /** ASCII digits only (as the other numeric arguments), at most {@code max}; -1 otherwise. */
    private static long digits(String s, long max) {
        if (s.isEmpty() || s.length() > 16 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long n = Long.parseLong(s);
        return n <= max ? n : -1;
    }

    @Override
    public String toString() {
        return percent > 0 ? percent + "%" : bytes > 0 ? Long.toString(bytes) : "none";
    }
}
