package dev.memprof.pprof;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pieces of Go's legacy {@code debug=1} text formats. Go prints program counters; Java has none, so each distinct
 * frame gets a stable pseudo-address within one response, which keeps the text parseable by pprof's legacy reader.
 */
public final class LegacyText {

    private final Map<Frame, Integer> addresses = new HashMap<>();

    /** " 0x1 0x2 ..." for a stack. */
    public String addresses(List<Frame> frames) {
        StringBuilder b = new StringBuilder();
        for (Frame f : frames) {
            b.append(" 0x").append(Integer.toHexString(address(f)));
        }
        return b.toString();
    }

    /** One "#\t0xADDR\tfunction+0x0\tfile:line" line per frame, as Go's printStackRecord writes them. */
    public void appendFrames(StringBuilder out, List<Frame> frames) {
        for (Frame f : frames) {
            out.append("#\t0x").append(Integer.toHexString(address(f)))
                    .append('\t').append(f.functionName()).append("+0x0")
                    .append('\t').append(f.sourcePath().isEmpty() ? "?" : f.sourcePath())
                    .append(':').append(f.line()).append('\n');
        }
    }

    private int address(Frame f) {
        return addresses.computeIfAbsent(f, k -> addresses.size() + 1);
    }
}
