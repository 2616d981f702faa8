package dev.memprof.memwatch;

import java.time.Instant;
import java.util.Map;

/**
 * The live heap by class at one moment, as estimated counts.
 *
 * @param time    when it was taken
 * @param classes class name (Java source form: {@code byte[]}, {@code java.lang.String}) to its counts
 */
public record Census(Instant time, Map<String, Counts> classes) {

    /**
     * One class's figures. {@code allocObjects} is cumulative since the process started, or -1 when the source does
     * not know it (the class histogram only sees what is alive).
     */
    public record Counts(long liveObjects, long liveBytes, long allocObjects) {
        static final Counts ZERO = new Counts(0, 0, 0);

        Counts plus(Counts o) {
            long alloc = allocObjects < 0 || o.allocObjects < 0 ? -1 : allocObjects + o.allocObjects;
            return new Counts(liveObjects + o.liveObjects, liveBytes + o.liveBytes, alloc);
        }
    }

    public long liveObjects() {
        return classes.values().stream().mapToLong(Counts::liveObjects).sum();
    }

    public long liveBytes() {
        return classes.values().stream().mapToLong(Counts::liveBytes).sum();
    }
}
