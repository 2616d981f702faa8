package dev.memprof.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A consistent snapshot of the live platform threads: each with its {@link ThreadInfo} (and {@link Thread}). */
final class LiveThreads {

    record Entry(Thread thread, ThreadInfo info) {
    }

    private LiveThreads() {
    }

    /**
     * @param full     for the full dump: held monitors, ownable synchronizers and each {@link Thread} (for daemon
     *                 and priority); costlier, so the other forms leave them out and their entries' thread is null
     * @param maxDepth frames per thread
     */
    static List<Entry> snapshot(boolean full, int maxDepth) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean monitors = full && mx.isObjectMonitorUsageSupported();
        boolean synchronizers = full && mx.isSynchronizerUsageSupported();
        ThreadInfo[] infos = mx.dumpAllThreads(monitors, synchronizers, maxDepth);
        Map<Long, Thread> byId = new HashMap<>();
        if (full) { // getAllStackTraces walks every stack a second time: only the dump needs the Thread objects
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                byId.put(t.getId(), t);
            }
        }
        return Arrays.stream(infos)
                .filter(i -> i != null)
                .map(i -> new Entry(byId.get(i.getThreadId()), i))
                .toList();
    }
}
