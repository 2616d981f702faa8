package dev.memprof.capture;

import dev.memprof.threads.AgentThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes heap captures on its own daemon thread, {@code memprof-capture}, so that neither the GC notification
 * thread nor memwatch's thread ever builds a profile. Requests wait in a queue of {@value #QUEUE} (room for a
 * threshold and a leak capture triggered by the same collection); when it is full, a request is dropped and
 * counted. After each capture the directory is trimmed to {@code max} captures.
 */
public final class HeapCapturer {

    private static final Logger log = LoggerFactory.getLogger(HeapCapturer.class);
    static final int QUEUE = 2;

    private record Request(CaptureReason reason, Instant time) {
    }

    private final Supplier<byte[]> profile;
    private final CaptureDirectory directory;
    private final int max;
    private final BlockingQueue<Request> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Map<CaptureReason, AtomicLong> written = new EnumMap<>(CaptureReason.class);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private HeapCapturer(Supplier<byte[]> profile, CaptureDirectory directory, int max) {
        this.profile = profile;
        this.directory = directory;
        this.max = max;
        for (CaptureReason r : CaptureReason.values()) {
            written.put(r, new AtomicLong());
        }
    }

    /**
     * Starts the capture thread.
     *
     * @param profile   builds the capture's bytes: the gzipped heap profile, as {@code /debug/pprof/heap} serves
     * @param directory where captures go
     * @param max       captures kept; older ones are deleted
     */
    public static HeapCapturer start(Supplier<byte[]> profile, CaptureDirectory directory, int max) {
        HeapCapturer c = new HeapCapturer(profile, directory, max);
        Thread t = AgentThreads.newThread("capture", c::run);
        t.start();
        return c;
    }

    /** Queues a capture; returns false (and counts a drop) when the capture thread is busy. Never blocks. */
    public boolean submit(CaptureReason reason, Instant time) {
        if (queue.offer(new Request(reason, time))) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    private void run() {
        while (true) {
            Request r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            capture(r);
        }
    }

    private void capture(Request r) {
        try {
            byte[] bytes = profile.get();
            CaptureName name = directory.write(r.reason(), r.time(), bytes);
            written.get(r.reason()).incrementAndGet();
            log.info("heap capture {} written ({} bytes)", name, bytes.length);
            deleted.addAndGet(directory.retain(max));
        } catch (Throwable t) {
            failed.incrementAndGet();
            // one warning; later failures (a full disk fails every time) only at debug level
            if (failureLogged.compareAndSet(false, true)) {
                log.warn("cannot write a heap capture to {} ({}); later failures are counted, not logged",
                        directory.path(), t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            } else {
                log.debug("cannot write a heap capture to {}", directory.path(), t);
            }
        }
    }

    public long written(CaptureReason reason) {
        return written.get(reason).get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Captures deleted by retention. */
    public long deleted() {
        return deleted.get();
    }
}
