package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns the frames of a sample's stack walk into {@link Frame}s, the same instance each time for the same code
 * location: (class, method, descriptor, bytecode index), cached per class.
 *
 * <p>Why: a frame's file and line come from {@link StackWalker.StackFrame#toStackTraceElement}, built afresh for
 * every frame of every walk, and from JDK 22 on {@code getDescriptor()} parses the method's signature into a
 * {@code MethodType} each time, resolving its parameter classes through the class's loader. Those two were half of
 * a sample's cost on JDK 25, and resolving classes from inside an allocation is a risk of its own. The cache asks
 * for the file and line once per location. The descriptor is read as the string the VM filled in
 * ({@code StackFrameInfo.type}, JDK 22 on; see {@link RawType}); otherwise from {@code getDescriptor()}.
 *
 * <p>Entries live in a {@link ClassValue}, so they go when their class is unloaded; at most {@link #MAX_FRAMES} are
 * kept in all, after which new locations are resolved without caching.
 */
final class FrameResolver {

    static final int MAX_FRAMES = 65_536;

    /** A code location within one class. Hand-written equals and hashCode: a record's go through method handles. */
    private static final class Location {
        final String method;
        final String descriptor;
        final int bci;
        final int hash;

        Location(String method, String descriptor, int bci) {
            this.method = method;
            this.descriptor = descriptor;
            this.bci = bci;
            // The walker hands out new strings on every walk, so their hashes are computed afresh each time: the
            // descriptor (long) counts by its length here and is compared in equals.
            this.hash = (method.hashCode() * 31 + (descriptor == null ? 0 : descriptor.length())) * 31 + bci;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Location l && l.bci == bci && l.hash == hash && l.method.equals(method)
                    && Objects.equals(l.descriptor, descriptor);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ClassValue<Map<Location, Frame>> byClass = new ClassValue<>() {
        @Override
        protected Map<Location, Frame> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private final AtomicInteger cached = new AtomicInteger();

    Frame resolve(StackWalker.StackFrame f) {
        Class<?> type = f.getDeclaringClass();
        String method = f.getMethodName();
        String descriptor = descriptor(f);
        Location at = new Location(method, descriptor, f.getByteCodeIndex());
        Map<Location, Frame> frames = byClass.get(type);
        Frame frame = frames.get(at);
        if (frame == null) {
            frame = new Frame(type.getName(), method, descriptor, f.getFileName(), f.getLineNumber());
            if (cached.get() < MAX_FRAMES && frames.putIfAbsent(at, frame) == null) {
                cached.incrementAndGet();
            }
        }
        return frame;
    }

    /** Whether descriptors are read as the VM wrote them (JDK 22 on, with {@code jdk.internal.misc} exported). */
    static boolean readsRawDescriptors() {
        return RawType.GET != null;
    }

    /** Locations cached so far. */
    int size() {
        return cached.get();
    }

    private String descriptor(StackWalker.StackFrame f) {
        if (RawType.GET != null && RawType.INFO.isInstance(f)) { // a raw read needs exactly that class's layout
            Object t = rawType(f);
            if (t instanceof String s) {
                return s;
            }
            if (t instanceof MethodType mt) {
                return mt.descriptorString();
            }
        }
        return Frame.descriptorOf(f);
    }

    private static Object rawType(StackWalker.StackFrame f) {
        try {
            return (Object) RawType.GET.invokeExact((Object) f);
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * Reads {@code StackFrameInfo.type} (JDK 22 on: the descriptor string until someone asks for the MethodType)
     * through {@code jdk.internal.misc.Unsafe}, which the agent already has exported to it for the bootstrap hook
     * ({@code BootstrapInjector}). Opening {@code java.lang} instead would open it to the application's class path
     * too, since the agent's classes share its unnamed module. A constant the JIT can fold; null where the field or
     * the export is missing (JDK 17 has no such field): {@code getDescriptor()} it is.
     */
    private static final class RawType {
        static final Class<?> INFO = infoClass();
        static final MethodHandle GET = INFO == null ? null : lookup();

        private static Class<?> infoClass() {
            try {
                return Class.forName("java.lang.StackFrameInfo");
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }

        private static MethodHandle lookup() {
            try {
                Field type = INFO.getDeclaredField("type");
                if (type.getType() != Object.class || Modifier.isStatic(type.getModifiers())) {
                    return null;
                }
                Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
                MethodHandles.Lookup lookup = MethodHandles.lookup(); // the package is exported to this module only
                Object unsafe = lookup.findStatic(unsafeClass, "getUnsafe", MethodType.methodType(unsafeClass))
                        .invoke();
                long offset = (long) lookup.findVirtual(unsafeClass, "objectFieldOffset",
                        MethodType.methodType(long.class, Field.class)).invoke(unsafe, type);
                MethodHandle get = lookup.findVirtual(unsafeClass, "getReference",
                        MethodType.methodType(Object.class, Object.class, long.class));
                MethodHandle read = MethodHandles.insertArguments(get, 2, offset); // (Unsafe, Object) -> Object
                return MethodHandles.insertArguments(read, 0, unsafe); // (Object) -> Object
            } catch (Throwable e) {
                return null; // JDK 17 (no such field), or jdk.internal.misc not exported to us
            }
        }
    }
}
