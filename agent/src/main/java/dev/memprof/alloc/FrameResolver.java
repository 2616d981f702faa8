package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
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
 * ({@code StackFrameInfo.type}, JDK 22 on) when {@code java.lang} could be opened to the agent; otherwise from
 * {@code getDescriptor()}, which on JDK 17 reads a string the VM already resolved.
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

    /** @param inst used to open {@code java.lang} to the agent, for the descriptor string; may be null */
    FrameResolver(Instrumentation inst) {
        openJavaLang(inst);
    }

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

    /** Locations cached so far. */
    int size() {
        return cached.get();
    }

    private String descriptor(StackWalker.StackFrame f) {
        if (RawType.HANDLE != null) {
            Object t = RawType.HANDLE.get(f);
            if (t instanceof String s) {
                return s;
            }
            if (t instanceof MethodType mt) {
                return mt.descriptorString();
            }
        }
        try {
            return f.getDescriptor();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static void openJavaLang(Instrumentation inst) {
        Module base = Object.class.getModule();
        Module agent = FrameResolver.class.getModule();
        if (inst != null && !base.isOpen("java.lang", agent)) {
            try {
                inst.redefineModule(base, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
            } catch (RuntimeException e) {
                // stays closed: getDescriptor() it is
            }
        }
    }

    /**
     * {@code StackFrameInfo.type} (JDK 22 on: the descriptor string until someone asks for the MethodType), in a
     * constant the JIT can fold; looked up on first use, after the constructor opened {@code java.lang}.
     */
    private static final class RawType {
        static final VarHandle HANDLE = lookup();

        private static VarHandle lookup() {
            try {
                Class<?> info = Class.forName("java.lang.StackFrameInfo");
                return MethodHandles.privateLookupIn(info, MethodHandles.lookup())
                        .findVarHandle(info, "type", Object.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // JDK 17 (no such field), or not open to us: getDescriptor() it is
            }
        }
    }
}
