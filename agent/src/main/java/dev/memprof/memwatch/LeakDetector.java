package dev.memprof.memwatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reports a leak when the base grew over {@value #RUN} consecutive base measurements, each one above the one
 * before, and by at least {@value #MIN_RELATIVE_GROWTH} of the first in total (so that a chance ordering of a
 * few noisy measurements that stays within the noise is not a leak). After a report the run starts again from
 * the latest measurement, so a leak that goes on is reported again every {@value #RUN} - 1 further rises.
 *
 * <p>Not thread safe: fed from one thread.
 */
public final class LeakDetector {

    static final int RUN = 5;
    static final double MIN_RELATIVE_GROWTH = 0.10;
    private static final long MIN_ABSOLUTE_GROWTH = 1 << 20;

    private final List<BaseMeasurement> run = new ArrayList<>(RUN);

    public Optional<LeakEvent> accept(BaseMeasurement m) {
        if (!run.isEmpty() && m.bytes() <= run.get(run.size() - 1).bytes()) {
            run.clear();
        }
        run.add(m);
        if (run.size() < RUN) {
            return Optional.empty();
        }
        BaseMeasurement first = run.get(0);
        long growth = m.bytes() - first.bytes();
        if (growth < Math.max(MIN_ABSOLUTE_GROWTH, (long) (first.bytes() * MIN_RELATIVE_GROWTH))) {
            run.remove(0); // keep the last RUN - 1 rising measurements: the next rise may make it significant
            return Optional.empty();
        }
        run.clear();
        run.add(m);
        return Optional.of(new LeakEvent(m.time(), first.time(), m.time(), growth,
                reason(growth, Duration.between(first.time(), m.time()))));
    }

    static String reason(long growth, Duration span) {
        double hours = Math.max(span.toMillis(), 1) / 3_600_000.0;
        double mbPerHour = growth / (1024.0 * 1024.0) / hours;
        return String.format(Locale.ROOT, "heap growth over %d consecutive GCs (%ds) - %.2f mb/hr", RUN,
                span.toSeconds(), mbPerHour);
    }
}
