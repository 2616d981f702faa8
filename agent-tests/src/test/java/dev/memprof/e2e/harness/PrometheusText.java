package dev.memprof.e2e.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every family has exactly one HELP and
 * one TYPE line before its samples, sample lines name a declared family, labels and values are well-formed, and no
 * series appears twice. Any violation throws with the offending line.
 */
public final class PrometheusText {

    /** One family: its type, help and samples keyed by their label text ("" for none). */
    public record Family(String name, String type, String help, Map<String, Double> samples) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
                    + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");

    private PrometheusText() {
    }

    public static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Map<String, String> type = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        } else {
            throw new AssertionError("exposition must end with a newline");
        }
        for (String line : lines) {
            if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                check(NAME.matcher(p[0]).matches() && p.length == 2, line);
                check(help.put(p[0], p[1]) == null, "second HELP: " + line);
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ");
                check(p.length == 2 && List.of("counter", "gauge", "histogram", "summary", "untyped").contains(p[1]),
                        line);
                check(type.put(p[0], p[1]) == null, "second TYPE: " + line);
                check(help.containsKey(p[0]), "TYPE before HELP: " + line);
                check(!families.containsKey(p[0]), "family split: " + line);
                families.put(p[0], new Family(p[0], p[1], help.get(p[0]), new LinkedHashMap<>()));
            } else if (line.startsWith("#") || line.isBlank()) {
                throw new AssertionError("unexpected comment or blank line: '" + line + "'");
            } else {
                Matcher m = SAMPLE.matcher(line);
                check(m.matches(), "malformed sample: " + line);
                Family f = families.get(m.group(1));
                check(f != null, "sample before its HELP/TYPE: " + line);
                String labels = m.group(3) == null ? "" : m.group(3);
                double value = Double.parseDouble(m.group(4).replace("+Inf", "Infinity").replace("-Inf",
                        "-Infinity"));
                check(f.samples().put(labels, value) == null, "duplicate series: " + line);
            }
        }
        check(help.keySet().equals(type.keySet()), "HELP without TYPE: " + help.keySet() + " vs " + type.keySet());
        return families;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
