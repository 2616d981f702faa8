package dev.memprof.memwatch;

import java.util.Locale;

/** Where a profile's censuses come from. */
public enum DiffMode {
    /** The allocation sampler's live set: no pause (the default). */
    SAMPLED,
    /** The JVM's class histogram: exact, but runs a full GC. */
    HISTOGRAM;

    /** Parses a {@code mode} query value; null or empty gives the default, an unknown value null. */
    public static DiffMode parse(String value) {
        if (value == null || value.isEmpty()) {
            return SAMPLED;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sampled" -> SAMPLED;
            case "histogram" -> HISTOGRAM;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
