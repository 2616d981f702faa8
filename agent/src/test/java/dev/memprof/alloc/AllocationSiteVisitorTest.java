package dev.memprof.alloc;

import dev.memprof.bootstrap.AllocationHook;
import dev.memprof.instrument.BytecodeTransformer;
import dev.memprof.instrument.MethodRewriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Rewritten code reports each allocation with its size; here every allocation is sampled (rate 1). */
class AllocationSiteVisitorTest {

    /** Rewritten and loaded afresh by the test. */
    public static final class Fixture implements Supplier<Object> {
        @Override
        public Object get() {
            int[] ints = new int[10];
            int[] grown = Arrays.copyOf(ints, 20);
            String[] names = new String[1];
            String[] range = Arrays.copyOfRange(names, 0, 5);
            char[] chars = new char[1];
            char[] copied = Arrays.copyOf(chars, 3);
            Object[] pair = new Object[2];
            Object[] cloned = pair.clone();
            StringBuilder sb = new StringBuilder(0);
            return List.of(grown, range, copied, cloned, sb);
        }
    }

    private final List<String> samples = new ArrayList<>();

    @AfterEach
    void uninstall() {
        AllocationHook.install(null, 512 * 1024, 2, 16);
    }

    @Test
    void arraysFromFactoriesAreCountedWithTheirElementSize() throws Exception {
        byte[] rewritten = rewrite(Fixture.class);
        AllocationHook.install(new AllocationHook.Sink() {
            @Override
            public long objectSize(Object o) {
                return o instanceof StringBuilder ? 24 : 16;
            }

            @Override
            public void sample(Object o, long size) {
                samples.add(o.getClass().getSimpleName() + ":" + size);
            }
        }, 1, 2, 16);
        AllocationHook.array(new Object(), Integer.MAX_VALUE, 3); // runs out whatever was left on this clock
        samples.clear();

        @SuppressWarnings("unchecked")
        Supplier<Object> fixture = (Supplier<Object>) new OneClassLoader(Fixture.class.getName(), rewritten)
                .loadClass(Fixture.class.getName()).getDeclaredConstructor().newInstance();
        samples.clear(); // the constructor call above
        fixture.get();

        // header 16, then length << shift, rounded up to 8; references are 4 bytes (compressed oops). The JDK's own
        // code is not rewritten here, so the StringBuilder's byte[] and the List are not seen.
        assertEquals(List.of("int[]:56", "int[]:96", "String[]:24", "String[]:40", "char[]:24", "char[]:24",
                "Object[]:24", "Object[]:24", "StringBuilder:24"), samples);
    }

    private static byte[] rewrite(Class<?> c) throws Exception {
        String internal = c.getName().replace('.', '/');
        byte[] bytes;
        try (InputStream in = c.getResourceAsStream("/" + internal + ".class")) {
            assertNotNull(in);
            bytes = in.readAllBytes();
        }
        ClassSlots slots = new ClassSlots();
        byte[] out = new BytecodeTransformer("test", new MethodRewriter() {
            @Override
            public boolean appliesTo(String internalClassName, ProtectionDomain domain) {
                return true;
            }

            @Override
            public MethodVisitor rewrite(String internalClassName, String methodName, String descriptor,
                                         MethodVisitor next) {
                return new AllocationSiteVisitor(next, slots);
            }
        }).transform(null, c.getClassLoader(), internal, null, null, bytes);
        assertNotNull(out, "rewritten");
        return out;
    }

    /** Defines one class from the given bytes; everything else comes from the parent. */
    private static final class OneClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OneClassLoader(String name, byte[] bytes) {
            super(AllocationSiteVisitorTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
            if (!n.equals(name)) {
                return super.loadClass(n, resolve);
            }
            synchronized (getClassLoadingLock(n)) {
                Class<?> c = findLoadedClass(n);
                return c != null ? c : defineClass(n, bytes, 0, bytes.length);
            }
        }
    }
}
