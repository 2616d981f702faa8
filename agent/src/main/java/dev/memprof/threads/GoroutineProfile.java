package dev.memprof.threads;

import dev.memprof.pprof.Frame;
import dev.memprof.pprof.SampleType;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's goroutine profile for Java: every live platform thread, with its stack. One sample per thread, labelled with
 * the thread's name and state, so {@code go tool pprof -tagfocus} can pick threads out.
 */
public final class GoroutineProfile extends ThreadCountProfile {

    private final int depth;

    public GoroutineProfile(int depth) {
        super(SampleType.GOROUTINE);
        this.depth = depth;
    }

    @Override
    public String name() {
        return "goroutine";
    }

    @Override
    public String description() {
        return "Stack traces of all current Java threads. Use debug=2 as a query parameter to export in the same "
                + "format as a jstack thread dump.";
    }

    @Override
    public int count() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @Override
    List<ThreadCounts.Row> rows() {
        List<ThreadCounts.Row> rows = new ArrayList<>();
        for (LiveThreads.Entry e : LiveThreads.snapshot(false, depth)) {
            rows.add(new ThreadCounts.Row(frames(e.info().getStackTrace()), e.info().getThreadName(),
                    e.info().getThreadState().name()));
        }
        return rows;
    }

    @Override
    public boolean reusable() {
        return true; // a dump of every stack stops the world briefly; scrapers share one build a second
    }

    @Override
    public String text(int debug) {
        if (debug >= 2) {
            return ThreadDumpFormatter.format(LiveThreads.snapshot(true, Integer.MAX_VALUE));
        }
        List<StackCounts.Stack> stacks = new ArrayList<>();
        for (LiveThreads.Entry e : LiveThreads.snapshot(false, depth)) {
            stacks.add(new StackCounts.Stack(frames(e.info().getStackTrace())));
        }
        return StackCounts.legacyText("goroutine profile", stacks);
    }

    static List<Frame> frames(StackTraceElement[] trace) {
        return Arrays.stream(trace).map(Frame::of).toList();
    }
}
