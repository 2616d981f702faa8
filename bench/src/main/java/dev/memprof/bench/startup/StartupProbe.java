package dev.memprof.bench.startup;

import dev.memprof.bench.realistic.H2Workload;

import java.time.Instant;

/**
 * Measures start-up cost as the application sees it: the time from process launch to {@code main}, and to the end
 * of the first unit of real work (opening and filling the H2 database, then 20 transactions), so that class loading
 * and instrumentation of H2 are included.
 *
 * <p>The launcher passes its own clock as {@code -Dbench.launchNanos=<epoch nanos>}; the probe prints one line:
 * {@code toMainMs firstWorkMs}; with {@code -Dbench.toMainOnly=true}, only {@code toMainMs}.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        long atMain = epochNanos();
        long launch = Long.parseLong(System.getProperty("bench.launchNanos", String.valueOf(atMain)));
        if (Boolean.getBoolean("bench.toMainOnly")) { // bench/startup.sh: the time to main alone
            System.out.printf("%.1f%n", (atMain - launch) / 1e6);
            return;
        }
        long checksum = 0;
        try (H2Workload workload = H2Workload.open("probe")) {
            for (int i = 0; i < 20; i++) {
                checksum += workload.transaction();
            }
        }
        long done = epochNanos();
        System.out.printf("%.1f %.1f%n", (atMain - launch) / 1e6, (done - launch) / 1e6);
        if (checksum == 42) {
            System.out.println(); // keeps the work observable
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
