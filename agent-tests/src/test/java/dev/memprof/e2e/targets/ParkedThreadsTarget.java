package dev.memprof.e2e.targets;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts one thread parked in {@link #parkHere()} and {@code N} (first argument, default 3) threads started from
 * {@link #startWorkers(int)}, prints "ready" and then runs until killed.
 */
public final class ParkedThreadsTarget {

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Thread parked = new Thread(ParkedThreadsTarget::parkHere, "parked-in-known-method");
        parked.setDaemon(true);
        parked.start();
        CountDownLatch started = startWorkers(n);
        started.await();
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    static void parkHere() {
        while (true) {
            LockSupport.park();
        }
    }

    static CountDownLatch startWorkers(int n) {
        CountDownLatch started = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                    // exit
                }
            }, "known-worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        return started;
    }
}
