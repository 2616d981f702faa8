package dev.memprof.instrument;

import dev.memprof.bootstrap.AllocationHook;
import dev.memprof.log.LogLevel;
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
import java.util.function.Predicate;

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

    /** Looked up when first needed: slf4j's set-up costs tens of ms, which must not fall before main. */
    private static Logger log() {
        return LoggerFactory.getLogger(BytecodeTransformer.class);
    }
    private final String name;
    private final MethodRewriter rewriter;
    private final AtomicInteger transformed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Class<?>[] preloaded;
    /** Null, or the classes the agent's start-up loads, rewritten later with the pre-loaded ones. */
    private final StartupLoads startupLoads;

    public BytecodeTransformer(String name, MethodRewriter rewriter) {
        this(name, rewriter, false);
    }

    /**
     * @param deferStartupLoads whether classes that the agent's own threads load before {@link #retransformLoaded}
     *                          wait for it ({@link StartupLoads})
     */
    public BytecodeTransformer(String name, MethodRewriter rewriter, boolean deferStartupLoads) {
        this.name = name;
        this.rewriter = rewriter;
        this.startupLoads = deferStartupLoads ? new StartupLoads() : null;
    }

    /** Rewrites every class loaded from now on, and notes the classes loaded before. */
    public void register(Instrumentation inst) {
        inst.addTransformer(this, true);
        preloaded = inst.getAllLoadedClasses();
    }

    /** Rewrites, at once, the classes that were loaded before {@link #register} and that {@code existing} selects. */
    public void retransformLoaded(Instrumentation inst, Predicate<Class<?>> existing) {
        retransformLoaded(inst, existing, Pacing.AT_ONCE, new RewriteCoverage());
    }

    /**
     * Rewrites the classes that were loaded before {@link #register} and that {@code existing} selects, and those
     * the agent's start-up loaded since (if deferred), spread as
     * {@code pacing} says, the hottest last ({@link HotClasses}), reporting progress to {@code coverage}. Only
     * those: retransforming a class that was already rewritten as it loaded would turn the methods running on its
     * threads' stacks into obsolete versions, which stack traces show as "Unknown Source".
     */
    public void retransformLoaded(Instrumentation inst, Predicate<Class<?>> existing, Pacing pacing,
                                  RewriteCoverage coverage) {
        long start = System.nanoTime();
        Class<?>[] classes = preloaded == null ? new Class<?>[0] : preloaded;
        preloaded = null;
        List<Class<?>> todo = new ArrayList<>();
        for (Class<?> c : classes) {
            // Never retransform what the rewriter leaves alone: a retransformed class is redefined even when no
            // transformer changes it, and a method redefined while the JIT compiles it is never compiled again
            // ("COMPILE SKIPPED: redefined method"), which made the allocation hook itself run uncompiled.
            if (existing.test(c) && inst.isModifiableClass(c) && rewriter.appliesTo(internalName(c), domain(c))) {
                todo.add(c);
            }
        }
        if (startupLoads != null) { // after the pre-loaded ones, which the application uses more
            for (Class<?> c : startupLoads.close(inst.getAllLoadedClasses())) {
                if (inst.isModifiableClass(c)) { // selected already, as they loaded
                    todo.add(c);
                }
            }
        }
        if (pacing.duty() < 1.0) {
            todo.sort(HotClasses.LAST); // stable: among equals, the pre-loaded stay before the start-up's loads
        }
        coverage.begin(todo.size());
        long deadline = start + pacing.deadlineMillis() * 1_000_000L;
        for (int from = 0, to; from < todo.size(); from = to) {
            to = (int) Math.min(todo.size(), (long) from + pacing.batch());
            long batchStart = System.nanoTime();
            retransform(inst, todo.subList(from, to));
            coverage.advance(to - from);
            long now = System.nanoTime();
            int batchesLeft = (int) Math.ceil((todo.size() - to) / (double) pacing.batch());
            long pause = pacing.pauseNanos(now - batchStart, batchesLeft, deadline - now);
            if (pause > 0 && !sleep(pause)) {
                return; // interrupted: the JVM is going down; coverage stays incomplete
            }
        }
        coverage.finish();
        if (LogLevel.DEBUG.enabled()) { // this also runs before main, where slf4j's set-up is not welcome
            log().debug("{}: {} classes rewritten, {} left untouched, in {} ms", name, transformed.get(), failed.get(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static boolean sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String internalName(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    private static ProtectionDomain domain(Class<?> c) {
        try {
            return c.getProtectionDomain();
        } catch (RuntimeException e) {
            return null;
        }
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
                    log().debug("{}: left {} untouched ({})", name, c.getName(), t.toString());
                }
            }
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (className == null || !rewriter.appliesTo(className, domain)
                || redefined == null && startupLoads != null && startupLoads.defer(className, loader)) {
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
            log().debug("{}: left {} untouched ({})", name, className, t.toString());
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
