package dev.memprof.jfr;

import jdk.jfr.consumer.RecordedEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code period} settings the recording states in its {@code jdk.ActiveSetting} events, by event type id, so
 * converters know how much time one sample stands for.
 */
final class ActiveSettings {

    static final String EVENT = "jdk.ActiveSetting";
    private static final int MAX_ENTRIES = 10_000;

    private final Map<Long, Long> periods = new HashMap<>();

    void accept(RecordedEvent e) {
        if ("period".equals(e.getString("name")) && periods.size() < MAX_ENTRIES) {
            long nanos = parseNanos(e.getString("value"));
            if (nanos > 0) {
                periods.put(e.getLong("id"), nanos);
            }
        }
    }

    /** The period of the event type with this id, when the recording states one. */
    OptionalLong period(long eventTypeId) {
        Long p = periods.get(eventTypeId);
        return p == null ? OptionalLong.empty() : OptionalLong.of(p);
    }

    /** Parses JFR's "20 ms", "1 s", "10ms"; 0 for anything else ("everyChunk", "off"). */
    static long parseNanos(String value) {
        if (value == null) {
            return 0;
        }
        String v = value.trim();
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return 0;
        }
        long n;
        try {
            n = Long.parseLong(v.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
        return switch (v.substring(i).trim()) {
            case "ns" -> n;
            case "us" -> n * 1_000L;
            case "ms" -> n * 1_000_000L;
            case "s" -> n * 1_000_000_000L;
            case "m", "min" -> n * 60_000_000_000L;
            case "h" -> n * 3_600_000_000_000L;
            case "d" -> n * 86_400_000_000_000L;
            default -> 0;
        };
    }
}
