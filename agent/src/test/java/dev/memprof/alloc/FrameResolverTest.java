package dev.memprof.alloc;

import dev.memprof.pprof.Frame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cached frames are exactly what the walker says, one instance per code location, overloads kept apart. */
class FrameResolverTest {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final FrameResolver resolver = new FrameResolver();

    @Test
    void resolvedFramesEqualTheWalkersOwnAnswers() {
        for (int i = 0; i < 3; i++) { // the first pass fills the cache, the others read it
            List<Frame[]> pairs = WALKER.walk(s -> s.limit(8).map(f -> {
                Frame plain = new Frame(f.getClassName(), f.getMethodName(), f.getDescriptor(), f.getFileName(),
                        f.getLineNumber());
                return new Frame[]{plain, resolver.resolve(f)};
            }).toList());
            assertEquals(8, pairs.size());
            for (Frame[] p : pairs) {
                assertEquals(p[0], p[1]);
            }
        }
        assertTrue(resolver.size() >= 8);
        if (Runtime.version().feature() >= 22) {
            // the surefire argLine exports jdk.internal.misc, as the agent does for itself
            assertTrue(FrameResolver.readsRawDescriptors(), "descriptors read as the VM wrote them");
        }
    }

    @Test
    void oneInstancePerLocation() {
        Frame[] seen = new Frame[2];
        for (int i = 0; i < 2; i++) {
            seen[i] = caller();
        }
        assertSame(seen[0], seen[1]);
        assertEquals("oneInstancePerLocation", seen[0].methodName());
        assertEquals("FrameResolverTest.java", seen[0].fileName());
    }

    @Test
    void overloadsAtTheSameBytecodeIndexStayApart() {
        Frame ofInt = overloaded(1);
        Frame ofString = overloaded("one");
        assertEquals("overloaded", ofInt.methodName());
        assertEquals("overloaded", ofString.methodName());
        assertEquals("(I)Ldev/memprof/pprof/Frame;", ofInt.descriptor());
        assertEquals("(Ljava/lang/String;)Ldev/memprof/pprof/Frame;", ofString.descriptor());
        assertNotEquals(ofInt.line(), ofString.line());
    }

    // The same code at the same bytecode index, told apart only by the descriptor.
    private Frame overloaded(int a) {
        return caller();
    }

    private Frame overloaded(String a) {
        return caller();
    }

    /** The frame of whoever called this. */
    private Frame caller() {
        return WALKER.walk(s -> s.skip(1).findFirst().map(resolver::resolve).orElseThrow());
    }
}
