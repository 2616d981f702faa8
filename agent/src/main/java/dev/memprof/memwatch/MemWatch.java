package dev.memprof.memwatch;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leak watch: GC statistics, base measurements, leak events and heap-diff profiles, behind one lock.
 * Collections arrive from {@link GcNotifications} on memwatch's own thread; clients call in from HTTP workers.
 * A census that may take long (the histogram's full GC) is taken outside the lock.
 */
public final class MemWatch {

    private final CensusSource sampled;
    private final CensusSource histogram;
    private final GcStats stats;
    private final BaseTracker bases = new BaseTracker();
    private final LeakDetector leaks = new LeakDetector();
    private final GrowthTrend growth;
    private final ProfileStore profiles = new ProfileStore();
    /** Sampled censuses at the latest base measurements, so a leak's profile can diff from the run's start. */
    private final Deque<Census> recentCensuses = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private String lastEvent = "";
    private LeakEvent lastLeak;
    private HeapDiff lastDiff;
    private GcEvent lastGc;
    private long leakEvents;
    private volatile MemwatchListener listener = MemwatchListener.NONE;

    /**
     * @param sampled   the sampler's census, or null when there is no sampler
     * @param histogram the class-histogram census
     * @param fullSoFar full collections before memwatch started
     * @param incSoFar  young collections before memwatch started
     * @param growthWindow the sliding window of the growth trend
     */
    public MemWatch(CensusSource sampled, CensusSource histogram, long fullSoFar, long incSoFar,
                    Duration growthWindow) {
        this.growth = new GrowthTrend(growthWindow);
        this.sampled = sampled;
        this.histogram = histogram;
        this.stats = new GcStats(fullSoFar, incSoFar);
    }

    /** A MemWatch for this JVM, with the GC counts so far taken from the collectors. */
    public static MemWatch forPlatform(CensusSource sampled, CensusSource histogram, Duration growthWindow) {
        long full = 0;
        long inc = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            long n = Math.max(0, gc.getCollectionCount());
            switch (CollectorKind.of(gc.getName())) {
                case FULL -> full += n;
                case YOUNG -> inc += n;
                case PAUSES -> {
                    // counted by the cycle bean
                }
            }
        }
        return new MemWatch(sampled, histogram, full, inc, growthWindow);
    }

    /** Sets the one listener told of collections and leaks (automatic heap captures use it). */
    public void listener(MemwatchListener l) {
        listener = l == null ? MemwatchListener.NONE : l;
    }

    /** One completed collection; called on memwatch's thread, never on the JDK's notification thread. */
    public synchronized void onGc(GcEvent e) {
        stats.collection(e);
        listener.collection(e);
        if (e.kind() != CollectorKind.PAUSES) {
            lastGc = e;
        }
        lastEvent = "stats";
        Optional<BaseMeasurement> base = bases.accept(e);
        if (base.isEmpty()) {
            return;
        }
        stats.base(base.get());
        growth.add(base.get());
        rememberCensus();
        leaks.accept(base.get()).ifPresent(this::leak);
    }

    private void rememberCensus() {
        if (sampled == null) {
            return;
        }
        try {
            recentCensuses.addLast(sampled.take());
            while (recentCensuses.size() > LeakDetector.RUN) {
                recentCensuses.removeFirst();
            }
        } catch (MemwatchException ignored) {
            // sampler off: leak profiles then carry totals only
        }
    }

    private void leak(LeakEvent leak) {
        lastLeak = leak;
        lastEvent = "leak";
        leakEvents++;
        Census first = recentCensuses.peekFirst();
        Census last = recentCensuses.peekLast();
        HeapDiff diff = first != null && first != last ? HeapDiff.between(first, last)
                : HeapDiff.ofTotals(leak.end(), stats.view().currentBase() - leak.growth(), stats.view().currentBase());
        String id = "leak-" + ids.incrementAndGet();
        MemoryProfile p = new MemoryProfile(id, sampled == null ? DiffMode.HISTOGRAM : DiffMode.SAMPLED,
                leak.start(), null, null);
        p.end(status("leak", leak, diff));
        profiles.add(p);
        listener.leak(leak);
    }

    public synchronized Status status() {
        return status(lastEvent, lastLeak, lastDiff);
    }

    private Status status(String event, LeakEvent leak, HeapDiff diff) {
        return new Status(event, stats.view(), growth.view(), leak, diff);
    }

    /** Leak events raised since memwatch started. */
    public synchronized long leakEvents() {
        return leakEvents;
    }

    public synchronized GrowthTrend.View growth() {
        return growth.view();
    }

    /** The latest cycle collection, or null before the first. */
    public synchronized GcEvent lastCollection() {
        return lastGc;
    }

    /** Starts a profile: takes the "before" census now. {@code id} null means generate one. */
    public MemoryProfile start(String id, DiffMode mode) throws MemwatchException {
        synchronized (this) {
            if (id != null && profiles.contains(id)) {
                throw new MemwatchException(MemwatchException.Kind.CONFLICT, "profile " + id + " already exists");
            }
        }
        Census before = source(mode).take();
        synchronized (this) {
            String pid = id != null ? id : "profile-" + ids.incrementAndGet();
            if (profiles.contains(pid)) {
                throw new MemwatchException(MemwatchException.Kind.CONFLICT, "profile " + pid + " already exists");
            }
            MemoryProfile p = new MemoryProfile(pid, mode, before.time(), before,
                    status("", null, null));
            profiles.add(p);
            return p;
        }
    }

    /** Ends a profile: takes "after" and stores the diff. */
    public MemoryProfile end(String id) throws MemwatchException {
        MemoryProfile p;
        synchronized (this) {
            p = running(id);
        }
        Census after = source(p.mode()).take();
        synchronized (this) {
            p = running(id); // it may have been deleted or ended meanwhile
            HeapDiff diff = HeapDiff.between(p.before(), after);
            lastDiff = diff;
            lastEvent = "diff";
            p.end(status("diff", null, diff));
            return p;
        }
    }

    private MemoryProfile running(String id) throws MemwatchException {
        MemoryProfile p = profiles.get(id);
        if (p == null) {
            throw notFound(id);
        }
        if (p.ended()) {
            throw new MemwatchException(MemwatchException.Kind.CONFLICT, "profile " + id + " has already ended");
        }
        return p;
    }

    private CensusSource source(DiffMode mode) throws MemwatchException {
        if (mode == DiffMode.HISTOGRAM) {
            return histogram;
        }
        if (sampled == null) {
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE,
                    "the allocation sampler is not running; use ?mode=histogram");
        }
        return sampled;
    }

    public synchronized MemoryProfile profile(String id) throws MemwatchException {
        MemoryProfile p = profiles.get(id);
        if (p == null) {
            throw notFound(id);
        }
        return p;
    }

    public synchronized List<MemoryProfile> profiles() {
        return profiles.all();
    }

    public synchronized void delete(String id) throws MemwatchException {
        if (!profiles.remove(id)) {
            throw notFound(id);
        }
    }

    /** Profiles evicted because more than {@value ProfileStore#CAPACITY} were stored. */
    public synchronized long evicted() {
        return profiles.evicted();
    }

    private static MemwatchException notFound(String id) {
        return new MemwatchException(MemwatchException.Kind.NOT_FOUND, "no profile " + id);
    }
}
