package dev.memprof.memwatch;

import java.time.Instant;

/**
 * A detected leak: the base grew over consecutive measurements from {@code start} to {@code end}.
 *
 * @param timestamp when it was detected
 * @param growth    base bytes at {@code end} minus base bytes at {@code start}
 * @param reason    e.g. "heap growth over 5 consecutive GCs (52s) - 11.67 mb/hr"
 */
public record LeakEvent(Instant timestamp, Instant start, Instant end, long growth, String reason) {
}
