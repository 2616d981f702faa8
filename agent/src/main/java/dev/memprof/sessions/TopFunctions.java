package dev.memprof.sessions;

import dev.memprof.alloc.Unsampling;
import dev.memprof.pprof.Frame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the functions of a session's samples by the bytes they allocated themselves (the leaf frame), the way
 * {@code go tool pprof -top -sample_index=alloc_space} does. Bytes are unsampled per (stack, class) with Go's
 * formula before they are added up, so large and small objects weigh by their estimated real bytes.
 */
public final class TopFunctions {

    public static final int LIMIT = 20;

    private TopFunctions() {
    }

    private static final class Sum {
        double self;
        double cumulative;
        long samples;
    }

    public static List<FunctionShare> of(SessionSamples samples, long rate) {
        Map<String, Sum> sums = new HashMap<>();
        Map<String, String> packages = new HashMap<>();
        double total = 0;
        for (var e : samples.table().entrySet()) {
            long n = e.getValue().samples();
            long bytes = e.getValue().bytes();
            if (n == 0) {
                continue;
            }
            double weight = bytes * Unsampling.scale(n, bytes, rate);
            total += weight;
            List<Frame> stack = e.getKey().stack();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < stack.size(); i++) {
                Frame f = stack.get(i);
                String name = f.functionName();
                Sum s = sums.computeIfAbsent(name, k -> new Sum());
                packages.putIfAbsent(name, packageOf(f.className()));
                if (i == 0) {
                    s.self += weight;
                }
                if (seen.add(name)) { // recursion counts once
                    s.cumulative += weight;
                    s.samples += n;
                }
            }
        }
        List<FunctionShare> out = new ArrayList<>();
        for (var e : sums.entrySet()) {
            Sum s = e.getValue();
            out.add(new FunctionShare(e.getKey(), packages.get(e.getKey()), pct(s.self, total),
                    pct(s.cumulative, total), s.samples));
        }
        out.sort(Comparator.comparingDouble(FunctionShare::selfPct).reversed()
                .thenComparing(Comparator.comparingDouble(FunctionShare::cumulativePct).reversed())
                .thenComparing(FunctionShare::funcName));
        return out.size() > LIMIT ? List.copyOf(out.subList(0, LIMIT)) : out;
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static double pct(double part, double total) {
        return total <= 0 ? 0 : Math.round(part / total * 10_000) / 100.0;
    }
}
