package dev.memprof.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measured iterations in one JMH text log, per benchmark. The text log (not JMH's JSON) is read because it
 * keeps the iterations of a run that was stopped by its time limit, which the worst-case configuration can hit.
 */
final class RunLog {

    private static final Pattern BENCHMARK = Pattern.compile("^# Benchmark: (\\S+)");
    private static final Pattern ITERATION = Pattern.compile("^Iteration\\s+\\d+:\\s+([0-9.,]+) ops/s");

    private RunLog() {
    }

    /** Short benchmark name (class.method without the package) to the measured ops/s of each iteration. */
    static Map<String, List<Double>> read(Path log) throws IOException {
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(log)) {
            Matcher b = BENCHMARK.matcher(line);
            if (b.find()) {
                current = shortName(b.group(1));
                continue;
            }
            Matcher it = ITERATION.matcher(line);
            if (current != null && it.find()) {
                scores.computeIfAbsent(current, k -> new ArrayList<>())
                        .add(Double.parseDouble(it.group(1).replace(",", "")));
            }
        }
        return scores;
    }

    private static String shortName(String fqn) {
        String[] parts = fqn.split("\\.");
        return parts.length < 2 ? fqn : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
