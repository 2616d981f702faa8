package dev.memprof.threads;

import dev.memprof.pprof.Frame;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's legacy {@code debug=1} text for count profiles: a header with the total, then one record per distinct
 * stack, most frequent first. Go prints program counters; we have none, so each frame's pseudo-address is a stable
 * per-response frame number, which keeps the format parseable by pprof's legacy reader.
 */
final class StackCounts {

    /**
     * pprof's legacy reader needs at least one address per record; JVM service threads (Signal Dispatcher,
     * Notification Thread) have no Java frames, so they get this one.
     */
    static final Frame NO_JAVA_FRAMES = Frame.synthetic("[memprof: no Java frames]");

    record Stack(List<Frame> frames) {
        Stack {
            frames = frames.isEmpty() ? List.of(NO_JAVA_FRAMES) : frames;
        }
    }

    private StackCounts() {
    }

    static String legacyText(String header, List<Stack> stacks) {
        Map<Stack, Integer> counts = new LinkedHashMap<>();
        stacks.forEach(s -> counts.merge(s, 1, Integer::sum));
        Map<Frame, Integer> addresses = new HashMap<>();
        StringBuilder out = new StringBuilder(header).append(": total ").append(stacks.size()).append('\n');
        counts.entrySet().stream()
                .sorted(Map.Entry.<Stack, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> {
                    List<Frame> frames = entry.getKey().frames();
                    out.append(entry.getValue()).append(" @");
                    for (Frame f : frames) {
                        out.append(" 0x").append(Integer.toHexString(address(addresses, f)));
                    }
                    out.append('\n');
                    for (Frame f : frames) {
                        out.append("#\t0x").append(Integer.toHexString(address(addresses, f)))
                                .append('\t').append(f.functionName()).append("+0x0")
                                .append('\t').append(f.sourcePath().isEmpty() ? "?" : f.sourcePath())
                                .append(':').append(f.line()).append('\n');
                    }
                    out.append('\n');
                });
        return out.toString();
    }

    private static int address(Map<Frame, Integer> addresses, Frame f) {
        return addresses.computeIfAbsent(f, k -> addresses.size() + 1);
    }
}
