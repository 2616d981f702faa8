package dev.memprof.e2e.targets;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Known work for the JFR routes, running until killed: a thread spinning in {@link #spinHere}, a thread that waits
 * about 100 ms at a time for a ReentrantLock in {@link #parkHere}, and one that waits for a monitor in
 * {@link #enterHere}. Every 50 ms it prints the truth to compare profiles with:
 * {@code stat <epochNanos> <spinnerCpuNanos> <allThreadsCpuNanos> <parkedNanos> <enteredNanos>}, where the last two
 * count completed waits.
 */
public final class ContentionTarget {

    static volatile long sink;
    private static final Object MONITOR = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final AtomicLong PARKED = new AtomicLong();
    private static final AtomicLong ENTERED = new AtomicLong();
    private static final AtomicLong PARK_TURNS = new AtomicLong();
    private static final AtomicLong ENTER_TURNS = new AtomicLong();

    public static void main(String[] args) throws InterruptedException {
        Thread spinner = daemon("known-spinner", () -> {
            while (true) {
                spinHere();
            }
        });
        daemon("known-holder", ContentionTarget::holdInTurns);
        daemon("known-parker", () -> {
            while (true) {
                PARKED.addAndGet(parkHere());
            }
        });
        daemon("known-enterer", () -> {
            while (true) {
                ENTERED.addAndGet(enterHere());
            }
        });
        System.out.println("ready");
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        while (true) {
            long[] ids = mx.getAllThreadIds();
            long all = 0;
            for (long t : mx.getThreadCpuTime(ids)) {
                all += Math.max(0, t);
            }
            Instant now = Instant.now();
            System.out.println("stat " + (now.getEpochSecond() * 1_000_000_000L + now.getNano()) + " "
                    + mx.getThreadCpuTime(spinner.getId()) + " " + all + " " + PARKED.get() + " " + ENTERED.get());
            Thread.sleep(50);
        }
    }

    static void spinHere() {
        long s = 0;
        for (int i = 0; i < 10_000; i++) {
            s += (long) i * i ^ (s >>> 3);
        }
        sink += s;
    }

    /**
     * Holds the lock and the monitor for 100 ms, then waits until both waiters have had their turn (at most 200 ms)
     * before it takes them again. Both are unfair: without the hand-over, a waiter that wakes late on a busy machine
     * loses the race to the holder again and again, and completes no wait for seconds.
     */
    static void holdInTurns() {
        while (true) {
            long parks;
            long enters;
            LOCK.lock();
            try {
                synchronized (MONITOR) {
                    parks = PARK_TURNS.get();
                    enters = ENTER_TURNS.get();
                    sleep(100);
                }
            } finally {
                LOCK.unlock();
            }
            long deadline = System.nanoTime() + 200_000_000L;
            while ((PARK_TURNS.get() == parks || ENTER_TURNS.get() == enters) && System.nanoTime() < deadline) {
                sleep(1);
            }
        }
    }

    static long parkHere() {
        long t0 = System.nanoTime();
        LOCK.lock();
        long waited = System.nanoTime() - t0;
        LOCK.unlock();
        PARK_TURNS.incrementAndGet();
        sleep(1); // let the holder take it again
        return waited;
    }

    static long enterHere() {
        long t0 = System.nanoTime();
        long waited;
        synchronized (MONITOR) {
            waited = System.nanoTime() - t0;
        }
        ENTER_TURNS.incrementAndGet();
        sleep(1);
        return waited;
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
