package dev.memprof.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Estimates each thread's CPU time from a file's {@code jdk.ThreadCPULoad} events, for offline conversion where no
 * measurement exists. Each event states the thread's user and system load as a fraction of all processors over
 * the period before it, so it stands for {@code (user + system) x processors x period} nanoseconds. The period is
 * the recording's setting for the event, else the gap since the thread's previous event (its first event then
 * counts nothing). The processor count comes from {@code jdk.ContainerConfiguration}, else
 * {@code jdk.CPUInformation}.
 */
final class ThreadCpuLoadEstimate {

    static final String LOAD = "jdk.ThreadCPULoad";
    static final String CPU_INFO = "jdk.CPUInformation";
    static final String CONTAINER = "jdk.ContainerConfiguration";
    private static final int MAX_THREADS = 100_000;

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Double> fractions = new HashMap<>(); // sum of load fractions
    private final Map<Long, Double> overGaps = new HashMap<>(); // sum of fraction x gap since the previous event
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private long loadTypeId = -1;
    private int hwThreads;
    private int containerCpus;

    void acceptLoad(RecordedEvent e) {
        RecordedThread t = e.getThread("eventThread");
        if (t == null || t.getJavaThreadId() <= 0 || (names.size() >= MAX_THREADS && !names.containsKey(
                t.getJavaThreadId()))) {
            return;
        }
        loadTypeId = e.getEventType().getId();
        long id = t.getJavaThreadId();
        names.put(id, SampleTable.threadRef(t).name());
        double fraction = e.getFloat("user") + e.getFloat("system");
        fractions.merge(id, fraction, Double::sum);
        long at = e.getStartTime().toEpochMilli() * 1_000_000L;
        Long previous = lastSeen.put(id, at);
        if (previous != null && at > previous) {
            overGaps.merge(id, fraction * (at - previous), Double::sum);
        }
    }

    void acceptCpuInfo(RecordedEvent e) {
        hwThreads = Math.max(hwThreads, e.getInt("hwThreads"));
    }

    void acceptContainer(RecordedEvent e) {
        if (e.hasField("effectiveCpuCount")) {
            containerCpus = (int) Math.max(containerCpus, e.getLong("effectiveCpuCount"));
        }
    }

    /** The estimate, or empty when the file has no load events or states no processor count. */
    ThreadCpuTimes estimate(ActiveSettings settings) {
        int cpus = containerCpus > 0 ? containerCpus : hwThreads;
        Map<Long, ThreadCpuTimes.Entry> out = new HashMap<>();
        if (cpus <= 0 || names.isEmpty()) {
            return new ThreadCpuTimes(out);
        }
        OptionalLong period = settings.period(loadTypeId);
        names.forEach((id, name) -> {
            double loadNanos = period.isPresent() ? fractions.get(id) * period.getAsLong()
                    : overGaps.getOrDefault(id, 0.0);
            out.put(id, new ThreadCpuTimes.Entry(name, Math.round(loadNanos * cpus)));
        });
        return new ThreadCpuTimes(out);
    }
}
