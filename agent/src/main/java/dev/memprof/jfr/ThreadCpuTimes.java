package dev.memprof.jfr;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time that each Java thread used over a window, by Java thread id: what the CPU converter calibrates its
 * samples against. Measured in the agent from {@code ThreadMXBean} deltas, or estimated from a file's
 * {@code jdk.ThreadCPULoad} events.
 */
public final class ThreadCpuTimes {

    /** One thread's name and CPU nanoseconds. */
    public record Entry(String name, long nanos) {
    }

    private final Map<Long, Entry> byId;

    public ThreadCpuTimes(Map<Long, Entry> byId) {
        this.byId = Collections.unmodifiableMap(new HashMap<>(byId));
    }

    public Entry get(long javaThreadId) {
        return byId.get(javaThreadId);
    }

    public Map<Long, Entry> all() {
        return byId;
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Starts a measurement: the CPU time of every live thread now. */
    public static Snapshot snapshot() {
        return new Snapshot(read());
    }

    /** CPU times of all live threads at one moment; {@link #since()} gives the deltas up to now. */
    public static final class Snapshot {
        private final Map<Long, Entry> start;

        private Snapshot(Map<Long, Entry> start) {
            this.start = start;
        }

        /**
         * What each thread used since the snapshot. A thread started in between counts from zero; one that ended
         * in between is missing (its samples then fall back to count x period).
         */
        public ThreadCpuTimes since() {
            Map<Long, Entry> deltas = new HashMap<>();
            read().forEach((id, now) -> {
                Entry before = start.get(id);
                long used = now.nanos - (before == null ? 0 : before.nanos);
                deltas.put(id, new Entry(now.name, Math.max(0, used)));
            });
            return new ThreadCpuTimes(deltas);
        }
    }

    private static Map<Long, Entry> read() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<Long, Entry> times = new HashMap<>();
        if (!mx.isThreadCpuTimeSupported()) {
            return times;
        }
        if (!mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids, 0);
        long[] cpu = mx instanceof com.sun.management.ThreadMXBean sun ? sun.getThreadCpuTime(ids) : null;
        for (int i = 0; i < ids.length; i++) {
            long nanos = cpu != null ? cpu[i] : mx.getThreadCpuTime(ids[i]);
            if (nanos >= 0 && infos[i] != null) {
                times.put(ids[i], new Entry(infos[i].getThreadName(), nanos));
            }
        }
        return times;
    }
}
