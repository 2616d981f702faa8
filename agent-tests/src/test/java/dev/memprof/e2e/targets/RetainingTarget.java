package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small target for the memwatch and sessions routes. It retains 50 {@link RetainedWidget}s every 20 ms (so a heap
 * diff over a second or more shows the class), and reads commands from stdin:
 * {@code alloc N} makes a new thread allocate exactly 1 GiB in {@link #allocateOneGiB()} and end, then prints
 * {@code allocated N}.
 */
public final class RetainingTarget {

    /** A class of known name that only this target creates: 32 longs, 272 bytes with the header. */
    public static final class RetainedWidget {
        long f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15;
        long g0, g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11, g12, g13, g14, g15;
    }

    /** Widgets retained every 20 ms: 2500 a second, 680 KB/s. */
    static final int WIDGETS_PER_TICK = 50;

    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        List<RetainedWidget> retained = new ArrayList<>();
        Thread retainer = new Thread(() -> {
            while (true) {
                synchronized (retained) {
                    for (int i = 0; i < WIDGETS_PER_TICK; i++) {
                        retained.add(new RetainedWidget());
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "retainer");
        retainer.setDaemon(true);
        retainer.start();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("alloc ")) {
                Thread t = new Thread(RetainingTarget::allocateOneGiB, "one-gib-allocator");
                t.start();
                t.join();
                System.out.println("allocated " + line.substring(6));
            }
        }
    }

    /** 16384 arrays of 64 KiB: 1 GiB of payload (the array headers add 16 bytes each, 0.02 %). */
    static void allocateOneGiB() {
        for (int i = 0; i < 16384; i++) {
            sink = new byte[64 * 1024];
        }
    }
}
