package dev.memprof.threads;

import dev.memprof.bootstrap.ThreadStartHook;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.lang.instrument.Instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Retransforms {@code java.lang.Thread} so that every {@code start()} reports to the {@link ThreadCreateRecorder}. */
public final class ThreadCreateInstrumentation {

    private ThreadCreateInstrumentation() {
    }

    public static void install(Instrumentation inst, ThreadCreateRecorder recorder) {
        ThreadStartHook.install(recorder);
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .ignore(none())
                .type(named("java.lang.Thread"))
                .transform((builder, type, loader, module, domain) -> builder.visit(
                        Advice.to(ThreadStartAdvice.class).on(named("start").and(takesArguments(0)).and(isPublic()))))
                .installOn(inst);
    }
}
