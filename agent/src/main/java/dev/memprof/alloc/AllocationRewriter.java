package dev.memprof.alloc;

import dev.memprof.bootstrap.AllocationHook;
import dev.memprof.instrument.BytecodeTransformer;
import dev.memprof.instrument.MethodRewriter;
import net.bytebuddy.jar.asm.MethodVisitor;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.security.ProtectionDomain;

/**
 * Rewrites the allocation sites of every class (those loaded from now on and, by retransformation, those already
 * loaded, the JDK's included) to report to {@link AllocationHook}. The agent's own classes are left alone.
 */
public final class AllocationRewriter implements MethodRewriter {

    private final OwnClasses own = new OwnClasses();
    private final ClassSlots slots = new ClassSlots();
    private final BytecodeTransformer transformer = new BytecodeTransformer("allocation sites", this);
    private final AllocationSampler sampler;

    private AllocationRewriter(AllocationSampler sampler) {
        this.sampler = sampler;
    }

    /** Rewrites every class loaded from now on. Cheap: call it before the application's main. */
    public static AllocationRewriter register(Instrumentation inst, AllocationSampler sampler) {
        AllocationRewriter rewriter = new AllocationRewriter(sampler);
        rewriter.transformer.register(inst);
        return rewriter;
    }

    /**
     * Retransforms the classes loaded before the agent (the JDK's above all; a second or more), then starts
     * sampling. Sampling waits for this because measured here it made the retransformation 2-3 times slower.
     */
    public void rewriteLoadedClassesAndStart(Instrumentation inst) {
        transformer.retransformLoaded(inst, c -> !c.isArray() && !c.isPrimitive());
        sampler.prepare();
        AllocationHook.install(sampler, sampler.rate(), referenceShift(), 16);
    }

    @Override
    public boolean appliesTo(String internalClassName, ProtectionDomain domain) {
        return !own.isOwn(internalClassName, domain);
    }

    @Override
    public MethodVisitor rewrite(String internalClassName, String methodName, String descriptor, MethodVisitor next) {
        return ArrayFactories.isFactoryBody(internalClassName, methodName) ? next
                : new AllocationSiteVisitor(next, slots);
    }

    /** log2 of a reference's size in the heap: 2 with compressed oops (the default below 32 GiB), else 3. */
    private static int referenceShift() {
        try {
            var hs = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return "true".equals(hs.getVMOption("UseCompressedOops").getValue()) ? 2 : 3;
        } catch (Exception | LinkageError e) {
            return 2;
        }
    }
}
