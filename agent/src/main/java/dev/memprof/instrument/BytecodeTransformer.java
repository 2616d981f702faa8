package dev.memprof.instrument;

import dev.memprof.bootstrap.AllocationHook;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies one {@link MethodRewriter} to classes as they load and, on {@link #install}, to the classes already
 * loaded (retransformation). It uses ByteBuddy's bundled ASM directly: the rewrites are local and need no type
 * hierarchy, and ByteBuddy's AgentBuilder spent seconds describing every class at start-up (up to 10 s on JDK 25).
 *
 * <p>Rewrites insert straight-line code only, so stack map frames are kept as they are. A class that cannot be
 * rewritten (a method that would exceed the JVM's size limits, a class file newer than ASM knows) is left untouched
 * and logged at debug level.
 */
public final class BytecodeTransformer implements ClassFileTransformer {

    private static final Logger log = LoggerFactory.getLogger(BytecodeTransformer.class);
    private static final int BATCH = 256;

    private final String name;
    private final MethodRewriter rewriter;
    private final AtomicInteger transformed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Class<?>[] preloaded;

    public BytecodeTransformer(String name, MethodRewriter rewriter) {
        this.name = name;
        this.rewriter = rewriter;
    }

    /** Rewrites every class loaded from now on, and notes the classes loaded before. */
    public void register(Instrumentation inst) {
        inst.addTransformer(this, true);
        preloaded = inst.getAllLoadedClasses();
    }

    /**
     * Rewrites the classes that were loaded before {@link #register} and that {@code existing} selects. Only
     * those: retransforming a class that was already rewritten as it loaded would turn the methods running on its
     * threads' stacks into obsolete versions, which stack traces show as "Unknown Source".
     */
    public void retransformLoaded(Instrumentation inst, java.util.function.Predicate<Class<?>> existing) {
        long start = System.nanoTime();
        Class<?>[] classes = preloaded == null ? new Class<?>[0] : preloaded;
        preloaded = null;
        List<Class<?>> batch = new ArrayList<>(BATCH);
        for (Class<?> c : classes) {
            if (existing.test(c) && inst.isModifiableClass(c)) {
                batch.add(c);
                if (batch.size() == BATCH) {
                    retransform(inst, batch);
                    batch.clear();
                }
            }
        }
        retransform(inst, batch);
        log.debug("{}: {} classes rewritten, {} left untouched, in {} ms", name, transformed.get(), failed.get(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void retransform(Instrumentation inst, List<Class<?>> classes) {
        if (classes.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Throwable batchFailed) {
            for (Class<?> c : classes) { // find the one that failed; the rest still get rewritten
                try {
                    inst.retransformClasses(c);
                } catch (Throwable t) {
                    failed.incrementAndGet();
                    log.debug("{}: left {} untouched ({})", name, c.getName(), t.toString());
                }
            }
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (className == null || !rewriter.appliesTo(className, domain)) {
            return null;
        }
        Thread token = AllocationHook.suspend(); // rewriting allocates; that is not the application's doing
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                                 String[] exceptions) {
                    MethodVisitor mv = super.visitMethod(access, method, descriptor, signature, exceptions);
                    return mv == null ? null : rewriter.rewrite(className, method, descriptor, mv);
                }
            }, 0);
            byte[] out = writer.toByteArray();
            transformed.incrementAndGet();
            return out;
        } catch (Throwable t) {
            failed.incrementAndGet();
            log.debug("{}: left {} untouched ({})", name, className, t.toString());
            return null;
        } finally {
            AllocationHook.resume(token);
        }
    }

    public int transformed() {
        return transformed.get();
    }

    public int failed() {
        return failed.get();
    }
}
