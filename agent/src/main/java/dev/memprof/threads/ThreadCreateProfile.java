package dev.memprof.threads;

import dev.memprof.pprof.Frame;
import dev.memprof.pprof.SampleType;

import java.util.ArrayList;
import java.util.List;

/**
 * The stacks that started the threads still alive. Threads started before the agent was loaded (main, JVM service
 * threads, or everything in an attach) have no recorded stack; they count under one synthetic frame so that the
 * total still equals the live threads.
 */
public final class ThreadCreateProfile extends ThreadCountProfile {

    static final Frame BEFORE_AGENT = Frame.synthetic("[memprof: started before the agent]");

    private final ThreadCreateRecorder recorder;

    public ThreadCreateProfile(ThreadCreateRecorder recorder) {
        super(SampleType.THREADCREATE);
        this.recorder = recorder;
    }

    @Override
    public String name() {
        return "threadcreate";
    }

    @Override
    public String description() {
        return "Stack traces that led to the creation of the live Java threads";
    }

    @Override
    public int count() {
        return Thread.getAllStackTraces().size();
    }

    @Override
    List<ThreadCounts.Row> rows() {
        List<ThreadCounts.Row> rows = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            rows.add(new ThreadCounts.Row(stackOf(t), t.getName(), t.getState().name()));
        }
        return rows;
    }

    @Override
    public String text(int debug) {
        List<StackCounts.Stack> stacks = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            stacks.add(new StackCounts.Stack(stackOf(t)));
        }
        return StackCounts.legacyText("threadcreate profile", stacks);
    }

    private List<Frame> stackOf(Thread t) {
        List<Frame> stack = recorder.creationStack(t);
        return stack != null ? stack : List.of(BEFORE_AGENT);
    }
}
