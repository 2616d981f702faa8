package dev.memprof.log;

import java.util.Locale;

/** The agent's log threshold, set once from the {@code log=} agent argument. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    // Logging is process-wide by nature; this one field is the exception to "no static mutable state".
    private static volatile LogLevel threshold = INFO;

    public static LogLevel threshold() {
        return threshold;
    }

    public static void setThreshold(LogLevel level) {
        threshold = level;
    }

    public boolean enabled() {
        return compareTo(threshold) >= 0 && this != OFF;
    }

    /** Parses a level name, or returns null when it names none. */
    public static LogLevel parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
