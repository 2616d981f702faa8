package dev.memprof.metrics;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: each family once, with {@code # HELP} and
 * {@code # TYPE} before its samples; label values escaped; names checked so a typo fails fast in tests.
 */
public final class Exposition {

    public enum Type { COUNTER, GAUGE }

    private final StringBuilder out = new StringBuilder(8192);
    private final Set<String> families = new HashSet<>();
    private String current;

    /** Starts a family; its samples follow. Names use the memprof_ prefix and base units. */
    public Exposition family(String name, Type type, String help) {
        if (!name.matches("memprof_[a-z0-9_]+")) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        if (!families.add(name)) {
            throw new IllegalStateException("family written twice: " + name);
        }
        current = name;
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase(Locale.ROOT))
                .append('\n');
        return this;
    }

    /** A sample of the current family, with label pairs {@code k1, v1, k2, v2, ...}. */
    public Exposition sample(double value, String... labels) {
        out.append(current);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
        return this;
    }

    public String text() {
        return out.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
