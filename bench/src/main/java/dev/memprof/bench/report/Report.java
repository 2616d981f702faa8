package dev.memprof.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Prints the benchmark tables from a results folder written by bench/run.sh: {@code jmh-<rep>-<config>.txt}
 * (JMH text logs) and {@code startup.txt} (lines {@code config toMainMs firstWorkMs}).
 *
 * <p>Throughput is the mean over every measured iteration of every repetition; the spread is their relative
 * standard deviation. The ratio divides by the no-agent mean; "paired" gives the range of the per-repetition
 * ratios, which cancel the machine's drift between repetitions.
 */
public final class Report {

    private static final String BASELINE = "none";
    /** The order of the rows; configurations not listed here follow in name order. */
    private static final List<String> ORDER = List.of(BASELINE, "memprof", "jfr", "memprof-nojfr", "memprof-rate0",
            "memprof-rate1");

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        // benchmark -> config -> rep -> iterations
        Map<String, Map<String, Map<String, List<Double>>>> all = new TreeMap<>();
        Set<String> configs = new TreeSet<>(Comparator.comparingInt(Report::rank).thenComparing(c -> c));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(p -> p.getFileName().toString().matches("jmh-\\d+-.+\\.txt")).sorted()
                    .toList()) {
                String[] name = log.getFileName().toString().replaceAll("\\.txt$", "").split("-", 3);
                String rep = name[1];
                String config = name[2];
                configs.add(config);
                RunLog.read(log).forEach((bench, scores) -> all.computeIfAbsent(bench, k -> new TreeMap<>())
                        .computeIfAbsent(config, k -> new TreeMap<>()).put(rep, scores));
            }
        }
        printThroughput(all, configs);
        printStartup(dir.resolve("startup.txt"), configs);
    }

    private static void printThroughput(Map<String, Map<String, Map<String, List<Double>>>> all,
                                        Set<String> configs) {
        System.out.printf("%n%-38s %-14s %14s %8s %4s %8s %15s%n", "workload", "config", "ops/s", "spread", "n",
                "ratio", "paired range");
        for (var bench : all.entrySet()) {
            Map<String, List<Double>> base = bench.getValue().getOrDefault(BASELINE, Map.of());
            double baseMean = Stats.of(flatten(base)).mean();
            for (String config : configs) {
                Map<String, List<Double>> reps = bench.getValue().get(config);
                if (reps == null) {
                    continue;
                }
                Stats s = Stats.of(flatten(reps));
                System.out.printf("%-38s %-14s %14.1f %7.1f%% %4d %8.4f %15s%n", bench.getKey(), config, s.mean(),
                        100 * s.relStdev(), s.n(), s.mean() / baseMean, pairedRange(reps, base));
            }
        }
    }

    private static String pairedRange(Map<String, List<Double>> reps, Map<String, List<Double>> base) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (var rep : reps.entrySet()) {
            List<Double> b = base.get(rep.getKey());
            if (b == null || b.isEmpty() || rep.getValue().isEmpty()) {
                continue;
            }
            double r = Stats.of(rep.getValue()).mean() / Stats.of(b).mean();
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return lo > hi ? "-" : String.format("%.4f..%.4f", lo, hi);
    }

    private static void printStartup(Path file, Set<String> configs) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, List<Double>> toMain = new LinkedHashMap<>();
        Map<String, List<Double>> toWork = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                toMain.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
                toWork.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
            }
        }
        double baseMain = Stats.median(toMain.getOrDefault(BASELINE, List.of()));
        double baseWork = Stats.median(toWork.getOrDefault(BASELINE, List.of()));
        System.out.printf("%nstart-up (median of runs; H2 open + 20 transactions = first work)%n");
        System.out.printf("%-14s %4s %12s %10s %16s %10s%n", "config", "n", "to main ms", "+cost", "to 1st work ms",
                "+cost");
        for (String config : configs) {
            List<Double> m = toMain.get(config);
            if (m == null) {
                continue;
            }
            double main = Stats.median(m);
            double work = Stats.median(toWork.get(config));
            System.out.printf("%-14s %4d %12.0f %10.0f %16.0f %10.0f%n", config, m.size(), main, main - baseMain,
                    work, work - baseWork);
        }
    }

    private static int rank(String config) {
        int i = ORDER.indexOf(config);
        return i < 0 ? ORDER.size() : i;
    }

    private static List<Double> flatten(Map<String, List<Double>> reps) {
        List<Double> xs = new ArrayList<>();
        reps.values().forEach(xs::addAll);
        return xs;
    }
}
