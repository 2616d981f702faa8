package dev.memprof.jfr;

import dev.memprof.pprof.NamedProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Go's {@code block} and {@code mutex} profiles from JFR: without {@code seconds} the ring recording's contention
 * (its last ten minutes, where Go counts since start), with {@code seconds=N} a recording of just the next N
 * seconds.
 */
public final class ContentionProfile implements NamedProfile {

    private final JfrService jfr;
    private final ProfileKind kind;

    public ContentionProfile(JfrService jfr, ProfileKind kind) {
        if (kind != ProfileKind.BLOCK && kind != ProfileKind.MUTEX) {
            throw new IllegalArgumentException("not a contention profile: " + kind);
        }
        this.jfr = jfr;
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.id();
    }

    @Override
    public String description() {
        return kind == ProfileKind.BLOCK
                ? "Stack traces that led to blocking on synchronization primitives (JFR ThreadPark and "
                + "JavaMonitorWait of 1 ms or more)"
                : "Stack traces of threads that waited to enter a contended synchronized block (JFR "
                + "JavaMonitorEnter of 1 ms or more)";
    }

    @Override
    public int count() {
        return 0;
    }

    @Override
    public byte[] pprof() {
        try {
            return jfr.fromRing(kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String text(int debug) {
        return ContentionText.format(pprof());
    }

    @Override
    public boolean supportsDelta() {
        return true;
    }

    @Override
    public byte[] delta(long seconds, BooleanSupplier cancelled) throws InterruptedException {
        try {
            return jfr.window(kind, Duration.ofSeconds(seconds), cancelled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JfrService.BusyException e) {
            throw new IllegalStateException(e); // only CPU windows are exclusive
        }
    }
}
