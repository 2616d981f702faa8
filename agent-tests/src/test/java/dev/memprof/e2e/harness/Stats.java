package dev.memprof.e2e.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stat <epochNanos> <v1> <v2> ...} lines a target prints, read back as a time series so a test can ask
 * what a counter was at the start and the end of a profile's window.
 */
public final class Stats {

    private final List<long[]> rows = new ArrayList<>();

    public Stats(List<String> stdout) {
        for (String line : stdout) {
            if (line.startsWith("stat ")) {
                String[] parts = line.substring(5).trim().split(" ");
                long[] row = new long[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Long.parseLong(parts[i]);
                }
                rows.add(row);
            }
        }
    }

    /** Counter {@code column} (1 = first value after the time) at {@code epochNanos}, interpolated linearly. */
    public double interpolated(int column, long epochNanos) {
        long[] before = null;
        for (long[] row : rows) {
            if (row[0] <= epochNanos) {
                before = row;
            } else if (before != null) {
                double f = (double) (epochNanos - before[0]) / (row[0] - before[0]);
                return before[column] + f * (row[column] - before[column]);
            }
        }
        throw new AssertionError("no stat lines around " + epochNanos + " (" + rows.size() + " lines)");
    }

    /** Counter {@code column} as of the last line at or before {@code epochNanos}. */
    public long stepAt(int column, long epochNanos) {
        long[] before = null;
        for (long[] row : rows) {
            if (row[0] > epochNanos) {
                break;
            }
            before = row;
        }
        if (before == null) {
            throw new AssertionError("no stat line before " + epochNanos);
        }
        return before[column];
    }
}
