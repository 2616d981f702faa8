package dev.memprof.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * One profiling session: a window of allocation samples with an optional label. It runs until its duration is
 * over or it is stopped; then it is finished and keeps its samples.
 */
public final class Session {

    private final String id;
    private final String label;
    private final Instant start;
    private final Duration duration;
    private final long rate;
    private final SessionSamples samples = new SessionSamples();
    private volatile Instant end;
    private volatile Future<?> expiry;

    Session(String id, String label, Instant start, Duration duration, long rate) {
        this.id = id;
        this.label = label;
        this.start = start;
        this.duration = duration;
        this.rate = rate;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Instant start() {
        return start;
    }

    public Duration duration() {
        return duration;
    }

    /** The sampling rate in force when the session started (0: no sampler). */
    public long rate() {
        return rate;
    }

    /** When it finished, or null while it runs. */
    public Instant end() {
        return end;
    }

    public boolean running() {
        return end == null;
    }

    /** The planned end while it runs, the actual end once finished. */
    public Instant endOrPlanned() {
        Instant e = end;
        return e != null ? e : start.plus(duration);
    }

    public SessionSamples samples() {
        return samples;
    }

    void expiresWith(Future<?> task) {
        this.expiry = task;
    }

    void finish(Instant when) {
        Future<?> task = expiry;
        if (task != null) {
            task.cancel(false); // a stopped session's timer need not hold it until its planned end
        }
        samples.close();
        if (end == null) {
            end = when;
        }
    }
}
