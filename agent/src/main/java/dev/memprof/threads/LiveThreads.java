package dev.memprof.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A consistent snapshot of the live platform threads: each with its {@link ThreadInfo} and its {@link Thread}. */
final class LiveThreads {

    record Entry(Thread thread, ThreadInfo info) {
    }

    private LiveThreads() {
    }

    /**
     * @param withLocks include held monitors and ownable synchronizers (costlier: for the full dump)
     * @param maxDepth  frames per thread
     */
    static List<Entry> snapshot(boolean withLocks, int maxDepth) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean monitors = withLocks && mx.isObjectMonitorUsageSupported();
        boolean synchronizers = withLocks && mx.isSynchronizerUsageSupported();
        ThreadInfo[] infos = mx.dumpAllThreads(monitors, synchronizers, maxDepth);
        Map<Long, Thread> byId = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byId.put(t.getId(), t);
        }
        return Arrays.stream(infos)
                .filter(i -> i != null)
                .map(i -> new Entry(byId.get(i.getThreadId()), i))
                .toList();
    }
}
