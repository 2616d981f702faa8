package dev.memprof.bench.report;

import java.util.List;

/** Mean, relative spread and median of a handful of measurements. */
record Stats(double mean, double relStdev, int n) {

    static Stats of(List<Double> xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        double mean = xs.isEmpty() ? Double.NaN : sum / xs.size();
        double sq = 0;
        for (double x : xs) {
            sq += (x - mean) * (x - mean);
        }
        double sd = xs.size() < 2 ? 0 : Math.sqrt(sq / (xs.size() - 1));
        return new Stats(mean, mean == 0 ? 0 : sd / mean, xs.size());
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
