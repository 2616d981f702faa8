package dev.memprof.memwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The growth trend of the base: the least-squares slope of the base measurements over a sliding window, in bytes
 * per minute, and a verdict on it.
 *
 * <p>The leak detector answers "did the base rise every time, by enough?"; this answers "how fast is it rising?",
 * which is what an operator needs to estimate the time left. The verdict compares the slope with the window's
 * mean base (relative growth per minute), so that it means the same on a 200 MiB and on a 20 GiB heap. A slope
 * that is not significant (under two standard errors of the fit: the base of a healthy service scatters by several
 * percent from one measurement to the next) or under 256 KiB per minute is never called growth:
 * <ul>
 *   <li>{@code unknown}: fewer than {@value #MIN_POINTS} measurements in the window;</li>
 *   <li>{@code stable}: falling, not significant, under the floor, or under {@value #STABLE_PERCENT_PER_MIN}% of
 *   the base per minute (at that pace the base doubles in 33 hours or more);</li>
 *   <li>{@code slow}: under {@value #SLOW_PERCENT_PER_MIN}% per minute (doubling in 3.3 to 33 hours);</li>
 *   <li>{@code growing}: under {@value #GROWING_PERCENT_PER_MIN}% per minute (doubling in 20 minutes to 3.3 hours);</li>
 *   <li>{@code rapid}: {@value #GROWING_PERCENT_PER_MIN}% per minute or more (doubling within 20 minutes).</li>
 * </ul>
 * Not thread safe: fed from memwatch's thread, read under {@link MemWatch}'s lock.
 */
public final class GrowthTrend {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    static final int MIN_POINTS = 3;
    /** A cap on the points kept, whatever the GC cadence (one base measurement per second for 10 minutes fits). */
    static final int MAX_POINTS = 1024;
    static final long FLOOR_BYTES_PER_MIN = 256 * 1024;
    static final double STABLE_PERCENT_PER_MIN = 0.05;
    static final double SLOW_PERCENT_PER_MIN = 0.5;
    static final double GROWING_PERCENT_PER_MIN = 5;

    /** An immutable reading. {@code slopeBytesPerMinute} is 0 while the verdict is {@code unknown}. */
    public record View(double slopeBytesPerMinute, Duration window, int samples, String verdict) {
    }

    private final Duration window;
    private final Deque<BaseMeasurement> points = new ArrayDeque<>();

    public GrowthTrend() {
        this(DEFAULT_WINDOW);
    }

    public GrowthTrend(Duration window) {
        this.window = window;
    }

    public void add(BaseMeasurement m) {
        points.addLast(m);
        Instant oldest = m.time().minus(window);
        while (points.size() > MAX_POINTS || points.peekFirst().time().isBefore(oldest)) {
            points.removeFirst();
        }
    }

    public View view() {
        int n = points.size();
        if (n < MIN_POINTS) {
            return new View(0, window, n, "unknown");
        }
        Instant t0 = points.peekFirst().time();
        double sumX = 0;
        double sumY = 0;
        for (BaseMeasurement p : points) {
            sumX += minutesSince(t0, p);
            sumY += p.bytes();
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double sxy = 0;
        double sxx = 0;
        for (BaseMeasurement p : points) {
            double dx = minutesSince(t0, p) - meanX;
            sxy += dx * (p.bytes() - meanY);
            sxx += dx * dx;
        }
        if (sxx == 0) {
            return new View(0, window, n, "unknown");
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residuals = 0;
        for (BaseMeasurement p : points) {
            double r = p.bytes() - (intercept + slope * minutesSince(t0, p));
            residuals += r * r;
        }
        double standardError = Math.sqrt(residuals / (n - 2) / sxx);
        return new View(slope, window, n, verdict(slope, standardError, meanY));
    }

    static String verdict(double bytesPerMinute, double standardError, double meanBase) {
        double percentPerMinute = meanBase > 0 ? bytesPerMinute / meanBase * 100 : Double.POSITIVE_INFINITY;
        if (bytesPerMinute <= 2 * standardError || bytesPerMinute < FLOOR_BYTES_PER_MIN
                || percentPerMinute < STABLE_PERCENT_PER_MIN) {
            return "stable";
        }
        if (percentPerMinute < SLOW_PERCENT_PER_MIN) {
            return "slow";
        }
        return percentPerMinute < GROWING_PERCENT_PER_MIN ? "growing" : "rapid";
    }

    private static double minutesSince(Instant t0, BaseMeasurement p) {
        return Duration.between(t0, p.time()).toNanos() / 60e9;
    }

    @Override
    public String toString() {
        View v = view();
        return String.format(Locale.ROOT, "%.0f B/min over %d points: %s", v.slopeBytesPerMinute(), v.samples(),
                v.verdict());
    }
}
