package dev.memprof.capture;

import java.util.Locale;

/** Why a heap capture was written; the word appears in its file name and in the metric's label. */
public enum CaptureReason {
    /** The heap in use after a collection was at or above {@code captureThreshold}. */
    THRESHOLD,
    /** The leak watch raised a leak event. */
    LEAK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason with this label, or null. */
    public static CaptureReason ofLabel(String label) {
        for (CaptureReason r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        return null;
    }
}
