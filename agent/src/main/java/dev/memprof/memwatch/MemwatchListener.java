package dev.memprof.memwatch;

/**
 * Told of what memwatch sees, on memwatch's own thread ({@code memprof-memwatch}) and under its lock: so an
 * implementation must return at once, handing any real work to a thread of its own, and must not throw.
 */
public interface MemwatchListener {

    /** Listens to nothing: memwatch's listener until one is set. */
    MemwatchListener NONE = new MemwatchListener() {
    };

    /** Every collection memwatch receives, including the pause reports of concurrent collectors. */
    default void collection(GcEvent e) {
    }

    /** A leak event, after memwatch stored its profile. */
    default void leak(LeakEvent e) {
    }
}
