package dev.memprof.alloc;

import dev.memprof.bootstrap.AllocationHook;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static net.bytebuddy.matcher.ElementMatchers.any;

/**
 * Installs allocation-site rewriting on every class: those loaded from now on, and (retransformation) those
 * already loaded, the JDK's included. The agent's own classes are left alone, except the bundled demo.
 * A class that cannot be transformed (for example, a method that would grow past the JVM's limits) stays as it was.
 */
public final class AllocationInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(AllocationInstrumentation.class);

    private final AtomicInteger transformed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public void install(Instrumentation inst, AllocationSampler sampler) {
        ClassSlots slots = new ClassSlots();
        long start = System.nanoTime();
        // Declared methods only and no validation: we rewrite bytecode in place and need no type hierarchy.
        new AgentBuilder.Default(new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new Listener())
                .ignore(new OwnClasses())
                .type(any())
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(new AsmVisitorWrapper.ForDeclaredMethods()
                                .invokable(any(), (instrumentedType, method, mv, ctx, pool, w, r) ->
                                        ArrayFactories.isFactoryBody(instrumentedType.getInternalName(),
                                                method.getInternalName())
                                                ? mv : new AllocationSiteVisitor(mv, slots))))
                .installOn(inst);
        // Samples start only now, so the transformation work above is not profiled as the application's.
        AllocationHook.install(sampler, sampler.rate(), referenceShift(), 16);
        log.debug("allocation instrumentation installed in {} ms: {} classes transformed, {} failed",
                (System.nanoTime() - start) / 1_000_000, transformed.get(), failed.get());
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

    public int transformed() {
        return transformed.get();
    }

    public int failed() {
        return failed.get();
    }

    private final class Listener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     net.bytebuddy.dynamic.DynamicType dynamicType) {
            transformed.incrementAndGet();
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            failed.incrementAndGet();
            log.debug("left {} untouched: {}", typeName, throwable.toString());
        }
    }
}
