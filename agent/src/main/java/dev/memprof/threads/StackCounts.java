package dev.memprof.threads;

import dev.memprof.pprof.Frame;
import dev.memprof.pprof.LegacyText;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's legacy {@code debug=1} text for count profiles: a header with the total, then one record per distinct
 * stack, most frequent first.
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
        LegacyText text = new LegacyText();
        StringBuilder out = new StringBuilder(header).append(": total ").append(stacks.size()).append('\n');
        counts.entrySet().stream()
                .sorted(Map.Entry.<Stack, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> {
                    List<Frame> frames = entry.getKey().frames();
                    out.append(entry.getValue()).append(" @").append(text.addresses(frames)).append('\n');
                    text.appendFrames(out, frames);
                    out.append('\n');
                });
        return out.toString();
    }
}
