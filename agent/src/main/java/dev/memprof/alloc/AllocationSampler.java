package dev.memprof.alloc;

import dev.memprof.threads.AgentThreads;
import dev.memprof.bootstrap.AllocationHook;
import dev.memprof.log.LogLevel;
import dev.memprof.pprof.Frame;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The slow path of allocation sampling and the table it fills: for each sample, the stack (at most {@code depth}
 * frames), the class and the size go into a bucket, and the object is held weakly so the bucket's in-use counters
 * fall when it dies. Every table is capped (see {@link Limits}).
 */
public final class AllocationSampler implements AllocationSource, AllocationHook.Sink {

    /** Caps on the sampler's own memory; see the README's "Limits" section. */
    public record Limits(int maxStacks, int maxBuckets, int maxLive) {
        public static final Limits DEFAULT = new Limits(65_536, 131_072, 250_000);
    }

    private static final String HOOK_CLASS = AllocationHook.class.getName();
    /** The sampler's and the hook's own frames, above the allocating code's, in a walk. */
    private static final int WALK_FRAMES_ABOVE_APPLICATION = 12;
    /** One shared name string per class ("byte[]" is computed afresh by getTypeName on every call). */
    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getTypeName();
        }
    };

    private final long rate;
    private final int depth;
    private final Instrumentation inst;
    private final StackTable stacks;
    private final LiveSet live;
    private final Limits limits;
    private final ConcurrentMap<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow = new Bucket(StackTable.TRUNCATED_STACK, "[memprof: truncated]");
    private final List<SampleListener> listeners = new CopyOnWriteArrayList<>();
    // JDK 22+ answers StackFrame.getDescriptor() only for walkers that retain class references. The depth estimate
    // sizes the walker's first batch for the whole walk: growing it later made each new frame object by reflection.
    private final StackWalker walker;
    private final FrameResolver frames;
    /** Looked up when first needed: slf4j's set-up costs tens of ms, which must not fall before main. */
    private static Logger log() {
        return LoggerFactory.getLogger(AllocationSampler.class);
    }

    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong ownSamples = new AtomicLong();
    private final AtomicLong slowPathNanos = new AtomicLong();

    /**
     * A bucket's key. The stack is always an interned one ({@link StackTable}), so it is compared and hashed by
     * identity instead of frame by frame a second time; the class name is one shared string per class.
     */
    private static final class BucketKey {
        final List<Frame> stack;
        final String className;

        BucketKey(List<Frame> stack, String className) {
            this.stack = stack;
            this.className = className;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BucketKey k && k.stack == stack && Objects.equals(k.className, className);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(stack) * 31 + Objects.hashCode(className);
        }
    }

    public AllocationSampler(long rate, int depth, Instrumentation inst, Limits limits) {
        this.rate = rate;
        this.depth = depth;
        this.inst = inst;
        this.limits = limits;
        this.stacks = new StackTable(limits.maxStacks());
        this.frames = new FrameResolver();
        this.walker = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE),
                depth + WALK_FRAMES_ABOVE_APPLICATION);
        this.live = new LiveSet(limits.maxLive(), rate > 0); // rate=0: no samples, so no reaper thread
    }

    @Override
    public long objectSize(Object o) {
        return inst.getObjectSize(o);
    }

    @Override
    public void sample(Object o, long size) {
        try {
            record(o, size);
        } catch (RuntimeException | Error e) {
            if (failures.getAndIncrement() == 0) {
                log().debug("allocation sample failed (reported once)", e);
            }
        }
    }

    private void record(Object o, long size) {
        long start = System.nanoTime();
        // A thread the JVM attaches (from JNI, say) runs Java code before its name is set: getName() is null.
        String thread = Thread.currentThread().getName();
        if (thread != null && thread.startsWith(AgentThreads.PREFIX)) {
            ownSamples.incrementAndGet(); // the agent's own work (serving a profile) is not the application's
            return;
        }
        recordSample(walk(), o, size, start);
    }

    /** The slow path proper: interns the stack, counts the bucket, tracks the object, tells the listeners. */
    private void recordSample(Frame[] frames, Object o, long size, long start) {
        List<Frame> stack = stacks.intern(frames);
        String className = TYPE_NAMES.get(o.getClass());
        Bucket bucket = bucket(stack, className);
        bucket.allocated(size, live.track(o, bucket, size));
        samples.incrementAndGet();
        if (!listeners.isEmpty()) {
            AllocationEvent e = new AllocationEvent(stack, className, size, start);
            for (SampleListener l : listeners) {
                l.onSample(e);
            }
        }
        slowPathNanos.addAndGet(System.nanoTime() - start);
    }

    /** The allocating stack below the hook, leaf first, at most {@code depth} frames. */
    private Frame[] walk() {
        return walker.walk(this::belowHook);
    }

    // A loop rather than a stream pipeline: this runs for every sample.
    private Frame[] belowHook(Stream<StackWalker.StackFrame> walk) {
        Frame[] out = new Frame[depth];
        int n = 0;
        boolean inHook = false;
        boolean belowHook = false;
        for (Iterator<StackWalker.StackFrame> it = walk.iterator(); it.hasNext() && n < depth; ) {
            StackWalker.StackFrame f = it.next();
            if (!belowHook) {
                if (f.getClassName().equals(HOOK_CLASS)) {
                    inHook = true;
                    continue;
                }
                if (!inHook) {
                    continue; // the sampler's own frames, above the hook
                }
                belowHook = true;
            }
            out[n++] = frames.resolve(f);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Runs the code of the slow path once on scratch tables, before sampling starts, so that the agent classes it
     * needs are loaded and its lambdas and record methods linked. Otherwise the first samples load them, from
     * whatever thread allocates, under whatever locks it holds: a thread that allocated while it held a
     * {@code JarFile}'s lock (class loading reads jars under it) deadlocked with another thread that was loading the
     * same agent class (the loader's per-name lock) and needed that jar to look it up.
     */
    public void prepare() {
        if (LogLevel.DEBUG.enabled()) {
            log().debug("frame descriptors are read {}", FrameResolver.readsRawDescriptors()
                    ? "as the VM wrote them" : "with StackFrame.getDescriptor()");
        }
        walk(); // links the walk's lambdas (no hook frame here, so it returns no frames)
        Frame[] here = walker.walk(this::firstTwo);
        AllocationSampler scratch = new AllocationSampler(0, depth, inst, new Limits(1, 1, 1));
        scratch.addListener(AllocationEvent::stack);
        scratch.recordSample(here, new Object(), 16, System.nanoTime());
    }

    private Frame[] firstTwo(Stream<StackWalker.StackFrame> walk) {
        Iterator<StackWalker.StackFrame> it = walk.iterator();
        return new Frame[] {frames.resolve(it.next()), frames.resolve(it.next())};
    }

    private Bucket bucket(List<Frame> stack, String className) {
        BucketKey key = new BucketKey(stack, className);
        Bucket b = buckets.get(key);
        if (b != null) {
            return b;
        }
        if (buckets.size() >= limits.maxBuckets()) {
            return overflow;
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(k.stack, k.className));
    }

    @Override
    public long rate() {
        return rate;
    }

    @Override
    public HeapSnapshot snapshot() {
        live.drain();
        List<HeapSnapshot.Bucket> out = new ArrayList<>(buckets.size() + 1);
        for (Bucket b : buckets.values()) {
            out.add(b.snapshot());
        }
        HeapSnapshot.Bucket o = overflow.snapshot();
        if (o.allocObjects() > 0) {
            out.add(o);
        }
        return new HeapSnapshot(rate, System.currentTimeMillis() * 1_000_000L, out);
    }

    /** Runs a full GC and waits for its cleared references to be processed (heap?gc=1). */
    public void collectGarbage() throws InterruptedException {
        live.collectAndSettle(10_000);
    }

    @Override
    public void addListener(SampleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SampleListener listener) {
        listeners.remove(listener);
    }

    /** Figures about the sampler itself, for metrics and the README's overhead notes. */
    public record Stats(long samples, long ownSamples, int stacks, long truncatedSamples, int buckets,
                        int liveTracked, long untracked, long slowPathNanos) {
    }

    public Stats stats() {
        return new Stats(samples.get(), ownSamples.get(), stacks.size(), stacks.truncatedSamples(), buckets.size(),
                live.size(), live.untracked(), slowPathNanos.get());
    }
}
