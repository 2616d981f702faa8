package dev.memprof.alloc;

import dev.memprof.threads.AgentThreads;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds each sampled object weakly so that its bucket's in-use counters fall when the GC frees it. A daemon thread
 * drains the reference queue. Capped: past {@code maxLive} tracked objects, new samples still count as allocations
 * but are not tracked (counted in {@link #untracked()}), so the set never grows without bound.
 */
final class LiveSet {

    /** A weak reference that remembers what to subtract, linked into an intrusive list to keep it reachable. */
    private static final class LiveRef extends WeakReference<Object> {
        final Bucket bucket;
        final long size;
        LiveRef prev;
        LiveRef next;

        LiveRef(Object referent, ReferenceQueue<Object> q, Bucket bucket, long size) {
            super(referent, q);
            this.bucket = bucket;
            this.size = size;
        }
    }

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final int maxLive;
    private final LiveRef head = new LiveRef(null, null, null, 0);
    private int count;
    private final AtomicLong untracked = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();

    /** @param reap whether to start the daemon that drains the queue (not when nothing will ever be tracked) */
    LiveSet(int maxLive, boolean reap) {
        this.maxLive = maxLive;
        head.prev = head;
        head.next = head;
        if (!reap) {
            return;
        }
        AgentThreads.newThread("reaper", this::reap).start();
    }

    /** Tracks the object; returns false when the cap is reached and it was not tracked. */
    boolean track(Object o, Bucket bucket, long size) {
        synchronized (head) {
            if (count >= maxLive) {
                untracked.incrementAndGet();
                return false;
            }
            LiveRef r = new LiveRef(o, queue, bucket, size);
            r.next = head.next;
            r.prev = head;
            head.next.prev = r;
            head.next = r;
            count++;
        }
        return true;
    }

    /** Processes every reference the JVM has enqueued so far; returns how many. */
    int drain() {
        int n = 0;
        Reference<?> r;
        while ((r = queue.poll()) != null) {
            release((LiveRef) r);
            n++;
        }
        return n;
    }

    /**
     * Runs a full GC and returns once the references it cleared have been processed, so that in-use counters are
     * those of a completed collection (heap?gc=1). Bounded by {@code timeoutMillis}.
     */
    void collectAndSettle(long timeoutMillis) throws InterruptedException {
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        System.gc();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!sentinel.refersTo(null) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // The reference handler enqueues asynchronously; wait until the queue stays empty for a few polls.
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            quiet = drain() == 0 ? quiet + 1 : 0;
            Thread.sleep(10);
        }
    }

    int size() {
        synchronized (head) {
            return count;
        }
    }

    long untracked() {
        return untracked.get();
    }

    private void release(LiveRef r) {
        synchronized (head) {
            if (r.prev == null) {
                return; // already released
            }
            r.prev.next = r.next;
            r.next.prev = r.prev;
            r.prev = null;
            r.next = null;
            count--;
        }
        r.bucket.freed(r.size);
        processed.incrementAndGet();
    }

    private void reap() {
        while (true) {
            try {
                release((LiveRef) queue.remove());
            } catch (InterruptedException e) {
                return;
            } catch (Throwable ignored) {
                // keep reaping
            }
        }
    }
}
