package dev.memprof.e2e.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions for sampled estimates: a relative tolerance stated next to the statistics that justify it. */
public final class Tolerance {

    private Tolerance() {
    }

    /**
     * Asserts that {@code estimate} is within {@code relative} of {@code truth}, and that this tolerance is at least
     * three standard errors of a Poisson sampler at {@code rate} bytes over {@code truthBytes} (so the check is
     * neither flaky nor loose by construction).
     */
    public static void assertWithin(String what, long truth, long estimate, double relative, long rate,
                                    long truthBytes) {
        double standardError = Math.sqrt((double) rate / truthBytes);
        assertTrue(relative >= 3 * standardError, what + ": tolerance " + relative + " is under 3 standard errors ("
                + 3 * standardError + "); allocate more in the test");
        double error = Math.abs(estimate - truth) / (double) truth;
        System.out.printf("accuracy: %s truth=%d estimate=%d error=%.2f%% (tolerance %.1f%%, 1 SE %.2f%%)%n",
                what, truth, estimate, 100 * error, 100 * relative, 100 * standardError);
        assertTrue(error <= relative, String.format("%s: estimate %d vs truth %d is %.2f%% off (allowed %.1f%%)",
                what, estimate, truth, 100 * error, 100 * relative));
    }
}
