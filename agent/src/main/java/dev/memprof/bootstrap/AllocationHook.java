package dev.memprof.bootstrap;

/**
 * Called by the code that the agent inlines after every allocation site. Lives on the bootstrap class path so that
 * instrumented JDK classes can link to it.
 *
 * <p>Sampling follows Go's scheme: a byte clock counts down from an exponentially distributed interval (mean
 * {@code rate}); the allocation that takes it below zero is sampled, and a fresh interval is drawn. Like Go's
 * per-P {@code mcache}, the clocks are striped rather than per thread: the stripe is picked from the id of the
 * current thread, so the fast path needs no {@code ThreadLocal}. Threads that share a stripe share a clock,
 * which leaves the statistics unchanged (every byte is still a sample point with probability {@code 1/rate}).
 *
 * <p>The fast-path methods are tiny so that the JIT inlines them into the allocating method: a size computation,
 * one array load, one store and a compare. Everything else is in {@link #sampled}, which runs about once per
 * {@code rate} bytes.
 */
public final class AllocationHook {

    /** Receives the samples; implemented by the agent. */
    public interface Sink {
        /** Shallow size in bytes of an instance (called once per allocated class). */
        long objectSize(Object o);

        /** One sampled allocation of {@code size} bytes, on the allocating thread. */
        void sample(Object o, long size);
    }

    private static final int STRIPES = 256;
    /** One clock per 128-byte cache line, so that threads on different stripes never share a line. */
    private static final int PAD_SHIFT = 4;
    private static final int MASK = STRIPES - 1;
    private static final long[] CLOCK = new long[STRIPES << PAD_SHIFT];
    /** Shallow instance size per class slot (see ClassSlots in the agent); 0 until first measured. */
    public static final int MAX_SLOTS = 1 << 16;
    private static final long[] SIZES = new long[MAX_SLOTS];

    private static volatile Sink sink;
    private static volatile double rate = 512 * 1024;
    /** log2 of a reference field's size: 2 with compressed oops, 3 without. */
    private static int refShift = 2;
    private static long arrayHeader = 16;
    /** The thread recording a sample on each stripe, to stop re-entry (the recording itself allocates). */
    private static final Thread[] BUSY = new Thread[STRIPES];

    private AllocationHook() {
    }

    /** Installs the sink and the layout facts; called once by the agent before any class is instrumented. */
    public static void install(Sink s, long samplingRate, int referenceShift, long arrayHeaderBytes) {
        rate = samplingRate;
        refShift = referenceShift;
        arrayHeader = arrayHeaderBytes;
        sink = s;
    }

    /**
     * Marks the current thread as doing the agent's own work (rewriting a class while it loads, for example): no
     * samples are taken until {@link #resume}. Returns the token to pass to {@code resume}.
     */
    public static Thread suspend() {
        Thread me = Thread.currentThread();
        int stripe = stripe(me);
        Thread previous = BUSY[stripe];
        BUSY[stripe] = me;
        return previous;
    }

    public static void resume(Thread token) {
        BUSY[stripe(Thread.currentThread())] = token;
    }

    /** After {@code new C(...)} returned: {@code slot} identifies C's shallow size. */
    public static void object(Object o, int slot) {
        long size = SIZES[slot];
        if (size == 0) {
            size = measure(o, slot);
        }
        tick(o, size);
    }

    /** After {@code newarray}/{@code anewarray}: {@code shift} is log2 of the element size, -1 for references. */
    public static void array(Object a, int length, int shift) {
        tick(a, arrayBytes(length, shift < 0 ? refShift : shift));
    }

    /** After calls that return a fresh array of any type (Arrays.copyOf, clone, Array.newInstance, ...). */
    public static void anyArray(Object a) {
        if (a != null) {
            tick(a, arrayBytes(a));
        }
    }

    /** After {@code multianewarray}: counts the whole tree of arrays it allocated (a rare instruction). */
    public static void multiArray(Object a) {
        tick(a, treeBytes(a, 0));
    }

    /**
     * The thread's stripe, from its id: a plain field load once the JIT has devirtualized {@code getId()} (final
     * as {@code threadId()} from JDK 19). Not the identity hash: for a Thread object whose monitor is inflated
     * (any thread that another one has joined), {@code System.identityHashCode} leaves the JIT's fast path and
     * costs a runtime call on every allocation. Sequential ids also spread threads evenly over the stripes.
     */
    @SuppressWarnings("deprecation")
    private static int stripe(Thread t) {
        return (int) t.getId() & MASK;
    }

    private static void tick(Object o, long size) {
        int i = stripe(Thread.currentThread()) << PAD_SHIFT;
        long left = CLOCK[i] - size;
        CLOCK[i] = left;
        if (left < 0) {
            sampled(o, size, i);
        }
    }

    /**
     * The slow path. It must not use any JDK class that is lazily initialized or itself instrumented before its
     * guard is up (ThreadLocal, ThreadLocalRandom...): it can run inside any class's static initializer.
     */
    private static void sampled(Object o, long size, int i) {
        try {
            CLOCK[i] = nextInterval(i);
            Sink s = sink;
            Thread me = Thread.currentThread();
            int stripe = i >>> PAD_SHIFT;
            Thread previous = BUSY[stripe];
            if (s == null || previous == me) {
                return; // an allocation made while recording a sample: not the application's
            }
            BUSY[stripe] = me;
            try {
                s.sample(o, size);
            } finally {
                BUSY[stripe] = previous;
            }
        } catch (Throwable ignored) {
            // a profiler failure must never surface in the application
        }
    }

    /**
     * An exponentially distributed byte interval with mean {@code rate} (Go's nextSample), from a xorshift
     * generator whose state sits in the stripe's padding, next to its clock.
     */
    static long nextInterval(int i) {
        double r = rate;
        if (r <= 1) {
            return 0;
        }
        long x = CLOCK[i + 1];
        if (x == 0) {
            x = System.nanoTime() ^ ((long) (i + 1) * 0x9E3779B97F4A7C15L);
        }
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        CLOCK[i + 1] = x;
        double u = ((x >>> 11) + 0.5) * 0x1.0p-53; // uniform in (0, 1)
        return (long) (-Math.log(u) * r);
    }

    /** Measures a class's shallow size once; before the sink is installed, an estimate that is not kept. */
    private static long measure(Object o, int slot) {
        Sink s = sink;
        if (s == null) {
            return 16;
        }
        try {
            long size = s.objectSize(o);
            SIZES[slot] = size;
            return size;
        } catch (Throwable ignored) {
            return 16;
        }
    }

    static long arrayBytes(int length, int shift) {
        return (((long) length << shift) + arrayHeader + 7) & ~7L;
    }

    /** The size of any array, by its runtime type. */
    public static long arrayBytes(Object a) {
        if (a instanceof byte[] b) {
            return arrayBytes(b.length, 0);
        } else if (a instanceof Object[] r) {
            return arrayBytes(r.length, refShift);
        } else if (a instanceof int[] x) {
            return arrayBytes(x.length, 2);
        } else if (a instanceof char[] c) {
            return arrayBytes(c.length, 1);
        } else if (a instanceof long[] l) {
            return arrayBytes(l.length, 3);
        } else if (a instanceof double[] d) {
            return arrayBytes(d.length, 3);
        } else if (a instanceof short[] s) {
            return arrayBytes(s.length, 1);
        } else if (a instanceof float[] f) {
            return arrayBytes(f.length, 2);
        } else if (a instanceof boolean[] z) {
            return arrayBytes(z.length, 0);
        }
        return 0;
    }

    private static long treeBytes(Object a, int depth) {
        long total = arrayBytes(a);
        if (a instanceof Object[] children && depth < 8) {
            for (Object c : children) {
                if (c != null && c.getClass().isArray()) {
                    total += treeBytes(c, depth + 1);
                }
            }
        }
        return total;
    }
}
