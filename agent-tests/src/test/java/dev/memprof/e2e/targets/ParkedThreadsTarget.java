package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts one thread parked in {@link #parkHere()} and {@code N} (first argument, default 3) threads started from
 * {@link #startWorkers(int)}, prints "ready" and then runs until killed. On stdin, {@code late N} starts N more
 * sleeping threads from {@link #startLateWorkers(int)} and prints "done late N".
 */
public final class ParkedThreadsTarget {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Thread parked = new Thread(ParkedThreadsTarget::parkHere, "parked-in-known-method");
        parked.setDaemon(true);
        parked.start();
        CountDownLatch started = startWorkers(n);
        started.await();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("late ")) {
                startLateWorkers(Integer.parseInt(line.substring(5).trim()));
                System.out.println("done " + line.trim());
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static void startLateWorkers(int n) {
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(ParkedThreadsTarget::sleepLate, "late-worker-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    static void sleepLate() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException ignored) {
            // exit
        }
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
