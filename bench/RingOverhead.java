import dev.memprof.jfr.JfrService;
import jdk.jfr.Recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The cost of the agent's ring recording, measured inside one JVM: AllocThroughput's loop runs in windows, with a
 * recording of exactly the ring's settings started for half of them (in the order off, on, on, off, ... so that a
 * drift cancels out). Comparing separate JVMs with jfr=on and jfr=off instead measures JIT and memory-layout luck:
 * on a 2-core machine that varied by 15% from run to run, far more than the effect. Run with the agent attached at
 * jfr=off (ring-overhead.sh does), so everything else the agent does is there in both halves.
 *   java -javaagent:memprof.jar=port=0,jfr=off -cp memprof.jar:classes RingOverhead [window-seconds] [pairs]
 */
public class RingOverhead {

    public static void main(String[] args) throws Exception {
        long window = args.length > 0 ? Long.parseLong(args[0]) : 5;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Map<String, String> ring = JfrService.ringSettings();
        // Warm-up: the loop, and JFR's own paths (event writing, stack traces, chunk rotation).
        AllocThroughput.run(5);
        measure(ring, 5);
        AllocThroughput.run(5);
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            boolean onFirst = i % 2 == 1;
            double a = onFirst ? measure(ring, window) : AllocThroughput.run(window) / (double) window;
            double b = onFirst ? AllocThroughput.run(window) / (double) window : measure(ring, window);
            double on = onFirst ? a : b;
            double off = onFirst ? b : a;
            ratios[i] = on / off;
            System.out.printf("pair %2d: off %.0f ops/s, on %.0f ops/s, on/off %.3f%n", i + 1, off, on, ratios[i]);
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(ratios).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(ratios).map(r -> (r - mean) * (r - mean)).sum() / (pairs - 1));
        System.out.printf("ring on/off: median %.3f, mean %.3f +- %.3f (standard error, %d pairs of %d s)%n",
                sorted[pairs / 2], mean, sd / Math.sqrt(pairs), pairs, window);
    }

    /** Ops per second of the loop for {@code seconds} with a ring recording running (started before, closed after). */
    private static double measure(Map<String, String> ring, long seconds) {
        try (Recording r = new Recording(ring)) {
            r.setToDisk(true);
            r.setMaxSize(64L << 20);
            r.start();
            return AllocThroughput.run(seconds) / (double) seconds;
        }
    }
}
