package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A target whose heap the test steers, for the automatic heap captures. Everything it retains is allocated in
 * {@link #hoard(int)}, so that method tops every in-use heap profile. Prints "ready", then obeys stdin commands and
 * answers each with {@code done <command>}:
 * <ul>
 *   <li>{@code hoard N}: retain N MiB more, at once;</li>
 *   <li>{@code gc [N]}: {@link System#gc()}, N times back to back (once by default);</li>
 *   <li>{@code release}: drop all that is retained, then {@code System.gc()};</li>
 *   <li>{@code drip N}: from now on, every {@value #DRIP_PERIOD_MS} ms, retain N MiB and run {@code System.gc()}:
 *   a steady leak whose base measurements (one per full GC) come quickly;</li>
 *   <li>{@code stop}: end the drip.</li>
 * </ul>
 * The explicit GCs are the target's choice, so that the test does not wait for the heap to fill; the agent never
 * forces one.
 */
public final class HoardingTarget {

    public static final long DRIP_PERIOD_MS = 200;
    private static final int CHUNK = 64 * 1024;
    private static final List<byte[]> HOARD = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dripper");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> drip = null;
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "hoard" -> hoard(Integer.parseInt(cmd[1]));
                case "gc" -> {
                    for (int i = cmd.length > 1 ? Integer.parseInt(cmd[1]) : 1; i > 0; i--) {
                        System.gc();
                    }
                }
                case "release" -> {
                    synchronized (HOARD) {
                        HOARD.clear();
                    }
                    System.gc();
                }
                case "drip" -> {
                    int mib = Integer.parseInt(cmd[1]);
                    drip = timer.scheduleAtFixedRate(() -> {
                        hoard(mib);
                        System.gc();
                    }, 0, DRIP_PERIOD_MS, TimeUnit.MILLISECONDS);
                }
                case "stop" -> {
                    if (drip != null) {
                        drip.cancel(false);
                        timer.submit(() -> { }).get(); // a tick under way has ended
                    }
                }
                default -> throw new IllegalArgumentException(line);
            }
            System.out.println("done " + line);
        }
    }

    /** The leaking method: retains {@code mib} MiB in 64 KiB arrays. */
    static void hoard(int mib) {
        synchronized (HOARD) {
            for (int i = 0; i < mib * (1024 * 1024 / CHUNK); i++) {
                HOARD.add(new byte[CHUNK]);
            }
        }
    }

    private HoardingTarget() {
    }
}
