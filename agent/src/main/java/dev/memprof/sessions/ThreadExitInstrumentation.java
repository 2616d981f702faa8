package dev.memprof.sessions;

import dev.memprof.bootstrap.ThreadExitHook;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.lang.instrument.Instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Retransforms {@code java.lang.Thread} so that its private {@code exit()} reports to a listener. */
public final class ThreadExitInstrumentation {

    private ThreadExitInstrumentation() {
    }

    public static void install(Instrumentation inst, ThreadExitHook.Listener listener) {
        ThreadExitHook.install(listener);
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .ignore(none())
                .type(named("java.lang.Thread"))
                .transform((builder, type, loader, module, domain) -> builder.visit(
                        Advice.to(ThreadExitAdvice.class).on(named("exit").and(takesArguments(0)))))
                .installOn(inst);
    }
}
