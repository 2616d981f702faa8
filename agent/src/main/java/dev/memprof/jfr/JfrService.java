package dev.memprof.jfr;

import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The agent's JFR side: the continuous ring recording, and recordings made on demand for a window (CPU profiles,
 * block and mutex deltas, traces), each converted to pprof. Files live in a private temporary directory that
 * {@link #close()} removes. At most one CPU profile runs at a time, as in Go.
 */
public final class JfrService implements AutoCloseable {

    /** Thrown when a second CPU profile is asked for while one runs; the text is Go's. */
    public static final class BusyException extends Exception {
        private static final long serialVersionUID = 1L;

        BusyException() {
            super("cpu profiling already in use");
        }
    }

    static final Duration RING_MAX_AGE = Duration.ofMinutes(10);
    static final long RING_MAX_BYTES = 64L * 1024 * 1024;
    static final long TRACE_MAX_BYTES = 128L * 1024 * 1024;
    private static final long POLL_MILLIS = 50;

    private final Path dir;
    private final Recording ring;
    private final Semaphore cpu = new Semaphore(1);

    private JfrService(Path dir, Recording ring) {
        this.dir = dir;
        this.ring = ring;
    }

    private static final Logger log = LoggerFactory.getLogger(JfrService.class);

    /**
     * Lets conversions in this JVM read event fields by position ({@link EventField}); without it they read by
     * name, slower but the same. Never throws.
     */
    public static void readEventsFast(java.lang.instrument.Instrumentation inst) {
        try {
            EventField.openTo(inst, JfrService.class.getModule());
            log.debug("JFR event fields are read {}", EventField.fast() ? "by position" : "by name");
        } catch (RuntimeException e) {
            log.debug("JFR events are read by field name: {}", e.toString());
        }
    }

    /** The ring recording's JFR settings (event#setting -> value), for bench/ring-overhead.sh. */
    public static Map<String, String> ringSettings() {
        return RecordingSettings.ring();
    }

    /**
     * Creates the temporary directory and starts the ring recording.
     *
     * @throws IOException when the directory cannot be created (JFR features are then off)
     */
    public static JfrService start() throws IOException {
        Path dir = Files.createTempDirectory("memprof-jfr-");
        Recording ring = new Recording(RecordingSettings.ring());
        try {
            ring.setName("memprof-ring");
            ring.setToDisk(true);
            ring.setMaxAge(RING_MAX_AGE);
            ring.setMaxSize(RING_MAX_BYTES);
            ring.start();
        } catch (RuntimeException e) {
            ring.close();
            deleteTree(dir);
            throw e;
        }
        return new JfrService(dir, ring);
    }

    /** The profile of what the ring recording holds (up to the last ten minutes). */
    public byte[] fromRing(ProfileKind kind) throws IOException {
        Path file = Files.createTempFile(dir, "ring-", ".jfr");
        try {
            ring.dump(file);
            return kind.converter(TimeWindow.ALL).convert(file).toGzippedBytes();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A recording of the next {@code length} made for {@code kind}, converted; null when {@code cancelled} turned
     * true first. CPU profiles are calibrated against each thread's measured CPU time over the window.
     *
     * @throws BusyException when {@code kind} is CPU and another CPU profile is running
     */
    public byte[] window(ProfileKind kind, Duration length, BooleanSupplier cancelled)
            throws IOException, InterruptedException, BusyException {
        if (kind != ProfileKind.CPU) {
            return convertWindow(kind, length, cancelled);
        }
        if (!cpu.tryAcquire()) {
            throw new BusyException();
        }
        try {
            return convertWindow(kind, length, cancelled);
        } finally {
            cpu.release();
        }
    }

    private byte[] convertWindow(ProfileKind kind, Duration length, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        boolean cpu = kind == ProfileKind.CPU;
        Recorded window = record(RecordingSettings.window(kind), length, cancelled, Long.MAX_VALUE, cpu);
        if (window == null) {
            return null;
        }
        try {
            JfrConverter c = cpu ? new CpuConverter(TimeWindow.ALL, window.cpu) : kind.converter(TimeWindow.ALL);
            // The profile covers the window asked for, as Go's do, not just the span between its events.
            return c.convert(window.file).timeNanos(epochNanos(window.start))
                    .durationNanos(Duration.between(window.start, window.end).toNanos())
                    .toGzippedBytes();
        } finally {
            Files.deleteIfExists(window.file);
        }
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** The raw recording of the next {@code length} with JFR's profile settings; null when cancelled. */
    public byte[] trace(Duration length, BooleanSupplier cancelled) throws IOException, InterruptedException {
        Recorded window = record(RecordingSettings.trace(), length, cancelled, TRACE_MAX_BYTES, false);
        if (window == null) {
            return null;
        }
        try {
            return Files.readAllBytes(window.file);
        } finally {
            Files.deleteIfExists(window.file);
        }
    }

    /** A finished window: its file, when the recording ran, and each thread's CPU time meanwhile (or null). */
    private record Recorded(Path file, Instant start, Instant end, ThreadCpuTimes cpu) {
    }

    /**
     * Records for {@code length} (or until cancelled) into a file of ours; null when cancelled. With
     * {@code measureCpu}, each thread's CPU time is read just after the start and just before the stop, so the
     * measurement spans the recording and not JFR's start-up.
     */
    private Recorded record(Map<String, String> settings, Duration length, BooleanSupplier cancelled, long maxBytes,
                            boolean measureCpu) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "window-", ".jfr");
        boolean done = false;
        try (Recording r = new Recording(settings)) {
            r.setName("memprof-window");
            r.setToDisk(true);
            r.setMaxSize(maxBytes == Long.MAX_VALUE ? 0 : maxBytes);
            r.start();
            Instant start = Instant.now();
            ThreadCpuTimes.Snapshot cpuStart = measureCpu ? ThreadCpuTimes.snapshot() : null;
            boolean completed = sleep(length, cancelled);
            ThreadCpuTimes cpu = measureCpu ? cpuStart.since() : null;
            Instant end = Instant.now();
            r.stop();
            if (!completed) {
                return null;
            }
            r.dump(file);
            done = true;
            return new Recorded(file, start, end, cpu);
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Waits {@code length}; false when {@code cancelled} turned true first. */
    private static boolean sleep(Duration length, BooleanSupplier cancelled) throws InterruptedException {
        long deadline = System.nanoTime() + length.toNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
        }
    }

    /** Stops the ring and removes the temporary directory. */
    @Override
    public void close() {
        try {
            ring.close();
        } catch (RuntimeException ignored) {
            // the JVM is shutting down; JFR may already be gone
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort at exit
        }
    }
}
