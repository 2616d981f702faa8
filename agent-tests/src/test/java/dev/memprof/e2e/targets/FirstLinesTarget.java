package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Allocates known amounts in the first lines of {@code main}, without waiting for the agent: it retains
 * {@link #RETAINED_ARRAYS} {@code byte[8192]} (480 MiB) and then churns {@link #CHURNED_ARRAYS} {@code byte[1000]}
 * (1 GiB), prints "ready" and waits for "exit" on stdin. Sizes with compressed oops: byte[8192] = 8208 bytes,
 * byte[1000] = 1016 bytes.
 */
public final class FirstLinesTarget {

    public static final int RETAINED_ARRAYS = 61_440;       // x 8208 B = 481 MiB: 3 standard errors of the sampler stay under 10%
    public static final int CHURNED_ARRAYS = 1 << 20;

    static final List<byte[]> RETAINED = new ArrayList<>(RETAINED_ARRAYS);
    public static volatile Object sink;

    public static void main(String[] args) throws Exception {
        retainAtStart();
        churnAtStart();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.trim().equals("exit")) {
            System.out.println("unknown " + line);
        }
    }

    static void retainAtStart() {
        for (int i = 0; i < RETAINED_ARRAYS; i++) {
            RETAINED.add(new byte[8192]);
        }
    }

    static void churnAtStart() {
        for (int i = 0; i < CHURNED_ARRAYS; i++) {
            sink = new byte[1000];
        }
    }
}
