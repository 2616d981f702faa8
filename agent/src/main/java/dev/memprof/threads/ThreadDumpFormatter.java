package dev.memprof.threads;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.List;

/**
 * A jstack-like full thread dump ({@code goroutine?debug=2}): each thread with its state, the lock it waits for,
 * the monitors it holds at each frame, and its ownable synchronizers.
 */
final class ThreadDumpFormatter {

    private ThreadDumpFormatter() {
    }

    static String format(List<LiveThreads.Entry> threads) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append(Instant.now()).append('\n')
                .append("Full thread dump ").append(System.getProperty("java.vm.name")).append(" (")
                .append(System.getProperty("java.vm.version")).append("):\n\n");
        for (LiveThreads.Entry e : threads) {
            appendThread(out, e);
        }
        return out.toString();
    }

    private static void appendThread(StringBuilder out, LiveThreads.Entry e) {
        ThreadInfo info = e.info();
        Thread t = e.thread();
        out.append('"').append(info.getThreadName()).append("\" #").append(info.getThreadId());
        if (t != null) {
            if (t.isDaemon()) {
                out.append(" daemon");
            }
            out.append(" prio=").append(t.getPriority());
        }
        out.append(" state=").append(info.getThreadState()).append('\n');
        out.append("   java.lang.Thread.State: ").append(info.getThreadState()).append(stateDetail(info)).append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("\tat ").append(stack[depth]).append('\n');
            if (depth == 0 && info.getLockInfo() != null) {
                out.append("\t- ").append(waitVerb(info)).append(' ').append(describe(info.getLockInfo()));
                if (info.getLockOwnerName() != null) {
                    out.append(" owned by \"").append(info.getLockOwnerName()).append("\" #")
                            .append(info.getLockOwnerId());
                }
                out.append('\n');
            }
            for (MonitorInfo m : monitors) {
                if (m.getLockedStackDepth() == depth) {
                    out.append("\t- locked ").append(describe(m)).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = info.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            out.append("\n   Locked ownable synchronizers:\n");
            for (LockInfo l : synchronizers) {
                out.append("\t- ").append(describe(l)).append('\n');
            }
        }
        out.append('\n');
    }

    private static String stateDetail(ThreadInfo info) {
        return switch (info.getThreadState()) {
            case BLOCKED -> " (on object monitor)";
            // No lock to wait for means Thread.sleep, which jstack shows as "(sleeping)".
            case WAITING, TIMED_WAITING -> info.getLockInfo() == null ? " (sleeping)"
                    : info.getStackTrace().length > 0
                    && info.getStackTrace()[0].getMethodName().equals("park") ? " (parking)" : " (on object monitor)";
            default -> "";
        };
    }

    private static String waitVerb(ThreadInfo info) {
        return switch (info.getThreadState()) {
            case BLOCKED -> "waiting to lock";
            case WAITING, TIMED_WAITING -> info.getStackTrace()[0].getMethodName().equals("park")
                    ? "parking to wait for" : "waiting on";
            default -> "waiting on";
        };
    }

    private static String describe(LockInfo lock) {
        return "<0x" + Integer.toHexString(lock.getIdentityHashCode()) + "> (a " + lock.getClassName() + ")";
    }
}
