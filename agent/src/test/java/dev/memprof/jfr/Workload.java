package dev.memprof.jfr;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Work in known methods, for recordings the tests make: a thread spinning in {@link #spinHere}, allocation in
 * {@link #allocateHere}, objects kept alive from {@link #retainHere}, parking on a lock in {@link #parkHere} and
 * waiting for a monitor in {@link #enterHere}. Run as a child JVM's main class, it does all of them at once and
 * prints each known quantity as {@code key=value} lines.
 */
public final class Workload {

    static volatile long sink;
    static final Object[] ALLOC_SINK = new Object[64];
    static final List<byte[]> RETAINED = new ArrayList<>();
    private static final Object MONITOR = new Object();

    public static void main(String[] args) throws Exception {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        long[] spinCpu = new long[1];
        Thread spinner = new Thread(() -> spinCpu[0] = spinFor(millis), "known-spinner");
        spinner.start();
        long allocated = allocateHere(256L << 20, 64 * 1024);
        retainHere(200, 100_000);
        long[] parked = contend(millis / 200, 100);
        spinner.join();
        System.out.println("spinCpuNanos=" + spinCpu[0]);
        System.out.println("allocatedBytes=" + allocated);
        System.out.println("parkedNanos=" + parked[0]);
        System.out.println("enteredNanos=" + parked[1]);
        System.out.println("retained=" + RETAINED.size());
    }

    /** Spins in {@link #spinHere} for {@code millis}; returns the thread's CPU time meanwhile. */
    static long spinFor(long millis) {
        var mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            spinHere();
        }
        return mx.getCurrentThreadCpuTime() - cpu0;
    }

    static void spinHere() {
        long s = 0;
        for (int i = 0; i < 10_000; i++) {
            s += (long) i * i ^ (s >>> 3);
        }
        sink += s;
    }

    /** Allocates {@code total} bytes of byte arrays of {@code size} each; returns the bytes (with headers). */
    static long allocateHere(long total, int size) {
        long bytes = 0;
        for (long done = 0; done < total; done += size) {
            byte[] b = new byte[size];
            ALLOC_SINK[(int) (done / size) & 63] = b; // escapes, so the JIT keeps the allocation
            bytes += size + 16;
        }
        return bytes;
    }

    static void retainHere(int count, int size) {
        for (int i = 0; i < count; i++) {
            RETAINED.add(new byte[size]);
        }
    }

    /**
     * {@code rounds} times, a holder keeps a ReentrantLock and then a monitor for {@code holdMillis} while other
     * threads wait for them in {@link #parkHere} and {@link #enterHere}. Returns the nanoseconds they waited.
     */
    static long[] contend(long rounds, long holdMillis) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        long[] waited = new long[2];
        for (long r = 0; r < rounds; r++) {
            CountDownLatch held = new CountDownLatch(2);
            Thread holder = new Thread(() -> {
                lock.lock();
                synchronized (MONITOR) {
                    held.countDown();
                    held.countDown();
                    sleep(holdMillis);
                }
                sleep(holdMillis);
                lock.unlock();
            }, "known-holder");
            holder.start();
            held.await();
            Thread parker = new Thread(() -> waited[0] += parkHere(lock), "known-parker");
            Thread enterer = new Thread(() -> waited[1] += enterHere(), "known-enterer");
            parker.start();
            enterer.start();
            holder.join();
            parker.join();
            enterer.join();
        }
        return waited;
    }

    static long parkHere(ReentrantLock lock) {
        long t0 = System.nanoTime();
        lock.lock();
        long waited = System.nanoTime() - t0;
        lock.unlock();
        return waited;
    }

    static long enterHere() {
        long t0 = System.nanoTime();
        synchronized (MONITOR) {
            return System.nanoTime() - t0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
