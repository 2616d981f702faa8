package dev.memprof.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process-wide facts about the agent that must be shared by every class loader. Loaded from the bootstrap class
 * path, so a second attach, whatever loader it comes through, sees the first one's state.
 */
public final class AgentRuntime {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AgentRuntime() {
    }

    /** True for exactly one caller in the life of the JVM: the agent start that owns the process. */
    public static boolean claimStart() {
        return STARTED.compareAndSet(false, true);
    }
}
