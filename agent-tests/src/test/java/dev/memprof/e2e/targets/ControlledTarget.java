package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A target with known lock facts: thread "monitor-holder" holds the monitor of a {@link Ledger} inside
 * {@link #holdMonitor()} and sleeps there; thread "monitor-blocked" is BLOCKED entering it in
 * {@link #blockOnMonitor()}. Prints "ready" once the blocked thread is blocked, then obeys stdin commands:
 * {@code start N} starts N sleeping threads from {@link #startWorkers(int)} and prints {@code started N}.
 */
public final class ControlledTarget {

    /** The monitor's class, so the dump names it. */
    static final class Ledger {
    }

    private static final Ledger LEDGER = new Ledger();

    public static void main(String[] args) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        daemon("monitor-holder", () -> holdMonitor(held));
        held.await();
        Thread blocked = daemon("monitor-blocked", ControlledTarget::blockOnMonitor);
        while (blocked.getState() != Thread.State.BLOCKED) {
            Thread.sleep(5);
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("start ")) {
                int n = Integer.parseInt(line.substring(6).trim());
                startWorkers(n).await();
                System.out.println("started " + n);
            }
        }
        Thread.sleep(Long.MAX_VALUE); // stdin closed: keep running until killed
    }

    static void holdMonitor(CountDownLatch held) {
        synchronized (LEDGER) {
            held.countDown();
            sleepForever();
        }
    }

    static void blockOnMonitor() {
        synchronized (LEDGER) {
            System.out.println("never: the holder never lets go");
        }
    }

    static CountDownLatch startWorkers(int n) {
        CountDownLatch started = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            daemon("started-on-command", () -> {
                started.countDown();
                sleepForever();
            });
        }
        return started;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException ignored) {
            // exit
        }
    }

    private ControlledTarget() {
    }
}
