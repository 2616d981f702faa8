package dev.memprof.jfr;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The part of a recording to convert: events that start at or after {@code from} and before {@code to}. Either end
 * may be null (open).
 */
public record TimeWindow(Instant from, Instant to) {

    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the window ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /**
     * Parses a command-line time: an ISO-8601 instant ({@code 2026-11-23T13:04:00Z}) or milliseconds since the epoch.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Instant parseInstant(String text) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("bad time '" + text
                        + "': expected an ISO-8601 instant such as 2026-01-31T12:00:00Z or epoch milliseconds");
            }
        }
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
