package dev.memprof.jfr;

import dev.memprof.pprof.TypeNames;

import dev.memprof.pprof.Frame;
import dev.memprof.pprof.ProfileBuilder;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums event values by (stack, thread, tag) while a recording streams past, interning each stack's frames into the
 * {@link ProfileBuilder} once. The tag is an optional extra string label, such as the allocated class.
 *
 * <p>The JDK parser resolves each constant (stack trace, thread) to one object per chunk, so identity caches skip
 * the frame walk for stacks already seen. The caches are cleared when full; the tables are capped, and rows past the
 * cap fold into one {@code [memprof: truncated]} stack per thread.
 */
final class SampleTable {

    static final int MAX_ROWS = 500_000;
    private static final int MAX_IDENTITY_CACHE = 100_000;
    private static final Frame TRUNCATED = Frame.synthetic("[memprof: truncated]");
    private static final Frame NO_STACK = Frame.synthetic("[memprof: no stack]");
    private static final Frame STACK_CUT = Frame.synthetic("[memprof: stack cut by JFR]");

    /** One thread as profiles tell it apart: the Java id (calibration) and the name (the label). */
    record ThreadRef(long javaId, String name) {
    }

    // A row's key packs (stack, thread, tag) into one long: 32 bits of stack index, 16 of thread and 16 of tag.
    // Threads and tags past 65535 share the last index (the label of that index is what the first one had).
    private static final int MAX_SMALL_INDEX = 0xFFFF;

    private static long key(int stack, int thread, int tag) {
        return ((long) stack << 32) | ((long) Math.min(thread, MAX_SMALL_INDEX) << 16) | Math.min(tag, MAX_SMALL_INDEX);
    }

    /** Receives each row at the end. */
    interface RowVisitor {
        void visit(long[] locationIds, ThreadRef thread, String tag, long[] values);
    }

    private final ProfileBuilder builder;
    private final int width;
    private final Map<RecordedStackTrace, Integer> stackCache = new IdentityHashMap<>();
    private final Map<RecordedThread, Integer> threadCache = new IdentityHashMap<>();
    private final Map<RecordedClass, Integer> classCache = new IdentityHashMap<>();
    private final Map<LocationIds, Integer> stackIndex = new HashMap<>();
    private final List<long[]> stacks = new ArrayList<>();
    private final Map<ThreadRef, Integer> threadIndex = new HashMap<>();
    private final List<ThreadRef> threads = new ArrayList<>();
    private final Map<String, Integer> tagIndex = new HashMap<>();
    private final List<String> tags = new ArrayList<>();
    private final RowMap rows = new RowMap();
    private long truncatedRows;
    private RecordedStackTrace lastStack;
    private RecordedThread lastThread;
    private RecordedClass lastType;
    private long[] lastRow;

    private record LocationIds(long[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LocationIds other && Arrays.equals(ids, other.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    SampleTable(ProfileBuilder builder, int width) {
        this.builder = builder;
        this.width = width;
        tag(null);
    }

    /** The value row of this (stack, thread), to add into. */
    long[] row(RecordedStackTrace stack, RecordedThread thread) {
        int t = thread(thread);
        return row(stack(stack), t, 0);
    }

    private long[] row(int stack, int thread, int tag) {
        long key = key(stack, thread, tag);
        long[] values = rows.get(key);
        if (values == null) {
            if (rows.size() >= MAX_ROWS) {
                truncatedRows++;
                key = key(internStack(new long[]{builder.location(TRUNCATED)}), thread, 0);
                values = rows.get(key);
                if (values != null) {
                    return values;
                }
            }
            values = new long[width];
            rows.put(key, values);
        }
        return values;
    }

    /** The row of an event whose tag is a class (allocations): the class's name, cached per class object. */
    long[] row(RecordedStackTrace stack, RecordedThread thread, RecordedClass type) {
        // Allocation events come in runs from one thread and site: the last row saves three lookups.
        if (stack == lastStack && thread == lastThread && type == lastType && lastRow != null) {
            return lastRow;
        }
        int t = thread(thread);
        int s = stack(stack);
        long[] row = row(s, t, type == null ? 0 : tagOf(type));
        lastStack = stack;
        lastThread = thread;
        lastType = type;
        lastRow = row;
        return row;
    }

    private int tagOf(RecordedClass type) {
        Integer cached = classCache.get(type);
        if (cached != null) {
            return cached;
        }
        if (classCache.size() >= MAX_IDENTITY_CACHE) {
            classCache.clear();
        }
        int index = tag(className(type));
        classCache.put(type, index);
        return index;
    }

    /** The class as Java source names it: {@code byte[]}, {@code java.lang.String[][]}, not {@code [B}. */
    static String className(RecordedClass c) {
        return c == null || c.getName() == null ? null : TypeNames.sourceName(c.getName());
    }

    /** Visits every row; call once, at the end. */
    void forEach(RowVisitor visitor) {
        rows.forEach((k, v) -> visitor.visit(stacks.get((int) (k >>> 32)), threads.get((int) (k >>> 16) & 0xFFFF),
                tags.get((int) k & 0xFFFF), v));
    }

    /** Rows folded into the truncated stack because the table was full. */
    long truncatedRows() {
        return truncatedRows;
    }

    static ThreadRef threadRef(RecordedThread t) {
        if (t == null) {
            return new ThreadRef(-1, "[unknown thread]");
        }
        String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return new ThreadRef(t.getJavaThreadId(), name == null ? "[unnamed thread " + t.getId() + "]" : name);
    }

    private int thread(RecordedThread thread) {
        if (thread == null) {
            return threadIndex.computeIfAbsent(threadRef(null), this::addThread);
        }
        Integer cached = threadCache.get(thread);
        if (cached != null) {
            return cached;
        }
        if (threadCache.size() >= MAX_IDENTITY_CACHE) {
            threadCache.clear();
        }
        int index = threadIndex.computeIfAbsent(threadRef(thread), this::addThread);
        threadCache.put(thread, index);
        return index;
    }

    private int addThread(ThreadRef ref) {
        threads.add(ref);
        return threads.size() - 1;
    }

    private int tag(String tag) {
        Integer index = tagIndex.get(tag);
        if (index == null) {
            index = tags.size();
            tags.add(tag);
            tagIndex.put(tag, index);
        }
        return index;
    }

    private int stack(RecordedStackTrace stack) {
        if (stack == null) {
            return internStack(new long[]{builder.location(NO_STACK)});
        }
        Integer cached = stackCache.get(stack);
        if (cached != null) {
            return cached;
        }
        if (stackCache.size() >= MAX_IDENTITY_CACHE) {
            stackCache.clear();
        }
        List<RecordedFrame> frames = stack.getFrames();
        int n = frames.size() + (stack.isTruncated() ? 1 : 0);
        long[] ids = new long[n];
        for (int i = 0; i < frames.size(); i++) {
            ids[i] = builder.location(frame(frames.get(i)));
        }
        if (stack.isTruncated()) {
            ids[n - 1] = builder.location(STACK_CUT);
        }
        int index = internStack(ids);
        stackCache.put(stack, index);
        return index;
    }

    private int internStack(long[] ids) {
        return stackIndex.computeIfAbsent(new LocationIds(ids), k -> {
            stacks.add(k.ids);
            return stacks.size() - 1;
        });
    }

    /** JFR records no source file names; the file is the top-level class's name + ".java", the usual layout. */
    static Frame frame(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return Frame.synthetic("[unknown method]");
        }
        RecordedClass type = m.getType();
        String className = type == null || type.getName() == null ? "" : type.getName();
        return new Frame(className, m.getName(), emptyToNull(m.getDescriptor()), sourceFile(className),
                f.getLineNumber());
    }

    private static String sourceFile(String className) {
        if (className.isEmpty() || className.contains("$$Lambda") || className.contains("0x")) {
            return null; // hidden classes have no source file
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int inner = simple.indexOf('$');
        if (inner == 0) {
            return null;
        }
        return (inner > 0 ? simple.substring(0, inner) : simple) + ".java";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
