package dev.memprof.memwatch;

import java.time.Instant;

/**
 * One heap-diff profile: started by a client (or by a leak), holding the "before" census until it ends. Mutable
 * only through {@link MemWatch}, under its lock.
 */
public final class MemoryProfile {

    private final String id;
    private final DiffMode mode;
    private final Instant started;
    private Census before;
    private Status status;

    MemoryProfile(String id, DiffMode mode, Instant started, Census before, Status status) {
        this.id = id;
        this.mode = mode;
        this.started = started;
        this.before = before;
        this.status = status;
    }

    public String id() {
        return id;
    }

    public DiffMode mode() {
        return mode;
    }

    public Instant started() {
        return started;
    }

    public boolean ended() {
        return status.lastDiff() != null;
    }

    public Status status() {
        return status;
    }

    Census before() {
        return before;
    }

    void end(Status finalStatus) {
        this.status = finalStatus;
        this.before = null; // the census can be large; the diff is all that is kept
    }
}
