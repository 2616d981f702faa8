package dev.memprof.instrument;

/**
 * How far the rewriting of the classes loaded before the agent has come. Classes defined after the agent started
 * are rewritten as they load; these older ones (the JDK's own, at {@code -javaagent}; everything, after
 * {@code attach}) are rewritten by retransformation in the background, and until then their code is not seen.
 */
public final class RewriteCoverage {

    private volatile int total = -1;
    private volatile int done;
    private volatile long completedAtMillis;

    void begin(int classes) {
        total = classes;
    }

    void advance(int classes) {
        done += classes; // one writer: the thread running the retransformation
    }

    void finish() {
        completedAtMillis = System.currentTimeMillis();
    }

    /** True once every older class was rewritten (or found not rewritable). */
    public boolean complete() {
        return completedAtMillis != 0;
    }

    /** Classes loaded before the agent that are to be rewritten; -1 before the count is known. */
    public int total() {
        return total;
    }

    /** Classes loaded before the agent that are still to be rewritten; -1 before the count is known. */
    public int remaining() {
        int t = total;
        return t < 0 ? -1 : t - done;
    }

    /**
     * One sentence for a profile's comment while coverage is incomplete, or null once it is complete: allocations
     * inside classes not yet rewritten are not in the profile.
     */
    public String caveat() {
        if (complete()) {
            return null;
        }
        int t = total;
        return t < 0
                ? "memprof: classes loaded before the agent are not rewritten yet; allocations inside them are not sampled"
                : "memprof: " + (t - done) + " of " + t + " classes loaded before the agent are not rewritten yet;"
                + " allocations inside them are not sampled";
    }
}
