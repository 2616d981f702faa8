package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host application that counts its own work, so a test can see whether the agent slows it down or disturbs it.
 * One worker thread walks {@code paths} distinct call stacks (a binary tree of {@link #left}/{@link #right} calls,
 * like {@link DistinctStacksTarget}) and allocates a 4 KiB array at each leaf; one walk is one unit of work. Any
 * exception on the worker, or uncaught on any thread, is counted. Arguments: {@code paths} (default 64) and
 * {@code warmups}, full passes over every path before "ready", so the agent has seen every stack.
 * <p>
 * stdin command {@code counts K} prints {@code counts K work=N exceptions=M nanos=T}.
 */
public final class CountingTarget {

    static final AtomicLong WORK = new AtomicLong();
    static final AtomicLong EXCEPTIONS = new AtomicLong();
    public static volatile Object sink;

    public static void main(String[] args) throws Exception {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int levels = 32 - Integer.numberOfLeadingZeros(Math.max(1, paths - 1));
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> EXCEPTIONS.incrementAndGet());
        for (int i = 0; i < warmups; i++) {
            for (int path = 0; path < paths; path++) {
                walk(path, levels);
            }
        }
        Thread worker = new Thread(() -> work(paths, levels), "counting-worker");
        worker.setDaemon(true);
        worker.start();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("counts ")) {
                System.out.println(line + " work=" + WORK.get() + " exceptions=" + EXCEPTIONS.get()
                        + " nanos=" + System.nanoTime());
            }
        }
    }

    private static void work(int paths, int levels) {
        int path = 0;
        while (true) {
            try {
                walk(path, levels);
                WORK.incrementAndGet();
            } catch (Throwable t) {
                EXCEPTIONS.incrementAndGet();
            }
            path = path + 1 == paths ? 0 : path + 1;
        }
    }

    static void walk(int path, int level) {
        if (level == 0) {
            sink = new byte[4096];
        } else if ((path & (1 << (level - 1))) == 0) {
            left(path, level - 1);
        } else {
            right(path, level - 1);
        }
    }

    static void left(int path, int level) {
        walk(path, level);
    }

    static void right(int path, int level) {
        walk(path, level);
    }

    private CountingTarget() {
    }
}
