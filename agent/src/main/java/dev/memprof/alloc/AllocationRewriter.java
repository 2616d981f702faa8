package dev.memprof.alloc;

import dev.memprof.bootstrap.AllocationHook;
import dev.memprof.instrument.BytecodeTransformer;
import dev.memprof.instrument.MethodRewriter;
import dev.memprof.instrument.Pacing;
import dev.memprof.instrument.RewriteCoverage;
import net.bytebuddy.jar.asm.MethodVisitor;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * Rewrites the allocation sites of every class (those loaded from now on and, by retransformation, those already
 * loaded, the JDK's included) to report to {@link AllocationHook}. The agent's own classes are left alone.
 */
public final class AllocationRewriter implements MethodRewriter {

    private final OwnClasses own = new OwnClasses();
    private final ClassSlots slots = new ClassSlots();
    private final RewriteCoverage coverage = new RewriteCoverage();
    private final BytecodeTransformer transformer = new BytecodeTransformer("allocation sites", this, true);
    private final AllocationSampler sampler;

    private AllocationRewriter(AllocationSampler sampler) {
        this.sampler = sampler;
    }

    /** Rewrites every class loaded from now on, with sampling off until it is started. */
    static AllocationRewriter register(Instrumentation inst, AllocationSampler sampler) {
        AllocationRewriter rewriter = new AllocationRewriter(sampler);
        rewriter.transformer.register(inst);
        return rewriter;
    }

    /**
     * Rewrites every class defined from now on and turns sampling on, so that every allocation from here on can be
     * sampled. Cheap: call it before the application's main, so that its first allocations are seen.
     */
    public static AllocationRewriter start(Instrumentation inst, AllocationSampler sampler) {
        // The slow path's classes load before the transformer is there: they need no rewriting now, and every
        // class loaded after it costs a rewrite before main.
        sampler.prepare();
        AllocationRewriter rewriter = register(inst, sampler);
        AllocationHook.install(sampler, sampler.rate(), referenceShift(inst), 16);
        return rewriter;
    }

    /**
     * Retransforms the classes loaded before the agent (the JDK's above all; everything after attach), as
     * {@code pacing} spreads it. Until a class is done, its allocation sites are not seen: {@link #coverage} says
     * how far it is.
     */
    public void rewritePreloadedClasses(Instrumentation inst, Pacing pacing) {
        transformer.retransformLoaded(inst, c -> !c.isArray() && !c.isPrimitive(), pacing, coverage);
    }

    public RewriteCoverage coverage() {
        return coverage;
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

    /**
     * log2 of a reference's size in the heap: 2 with compressed oops (the default below 32 GiB), else 3. Read off
     * two array sizes rather than the HotSpot MXBean, whose management classes cost tens of ms before main.
     */
    private static int referenceShift(Instrumentation inst) {
        long perElement = (inst.getObjectSize(new Object[16]) - inst.getObjectSize(new Object[0])) / 16;
        return perElement == 8 ? 3 : 2;
    }
}
