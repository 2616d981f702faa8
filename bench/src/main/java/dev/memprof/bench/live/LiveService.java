package dev.memprof.bench.live;

import dev.memprof.bench.realistic.H2Workload;

/**
 * A live service for the attach benchmark: H2 transactions in a loop on {@code threads} threads, printing the
 * operations completed in each second ({@code tick <epoch ms> <ops>}) for {@code seconds} seconds, then exiting.
 * bench/attach.sh attaches the agent in the middle and compares each second with the seconds before.
 */
public final class LiveService {

    private LiveService() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        java.util.concurrent.atomic.AtomicLong ops = new java.util.concurrent.atomic.AtomicLong();
        for (int t = 0; t < threads; t++) {
            H2Workload w = H2Workload.open("live" + t);
            Thread worker = new Thread(() -> {
                try {
                    long sum = 0;
                    while (true) {
                        sum += w.transaction();
                        ops.incrementAndGet();
                        if (sum == 42) {
                            System.out.print("");
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "worker-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        System.out.println("pid " + ProcessHandle.current().pid());
        long next = System.currentTimeMillis() + 1000;
        long last = 0;
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            long now = ops.get();
            System.out.println("tick " + next + " " + (now - last));
            last = now;
            next += 1000;
        }
    }
}
