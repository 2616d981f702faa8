import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes a large JFR recording for convert-bench.sh: threads allocate small arrays at varied stack depths (so there
 * are many distinct stacks), which, with tiny fixed TLABs and the TLAB events on, writes an event per TLAB refill.
 * Runs for the number of seconds given.
 */
public class RecordingWorkload {

    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    descend(r.nextInt(1, 40), r);
                }
            }, "bench-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    static void descend(int depth, ThreadLocalRandom r) {
        if (depth == 0) {
            for (int i = 0; i < 64; i++) {
                sink = new byte[16 + r.nextInt(512)];
            }
            return;
        }
        switch (depth % 4) {
            case 0 -> a(depth - 1, r);
            case 1 -> b(depth - 1, r);
            case 2 -> c(depth - 1, r);
            default -> descend(depth - 1, r);
        }
    }

    static void a(int depth, ThreadLocalRandom r) {
        descend(depth, r);
    }

    static void b(int depth, ThreadLocalRandom r) {
        if (r.nextBoolean()) {
            sink = new long[8];
        }
        descend(depth, r);
    }

    static void c(int depth, ThreadLocalRandom r) {
        descend(depth, r);
    }
}
