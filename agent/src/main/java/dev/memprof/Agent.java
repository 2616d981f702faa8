package dev.memprof;

import dev.memprof.bootstrap.AgentRuntime;
import org.slf4j.LoggerFactory;

import java.lang.instrument.Instrumentation;

/**
 * The entry point for {@code -javaagent} (premain) and for dynamic attach (agentmain). It only guards: whatever
 * goes wrong becomes one log line, and the host application runs on. The order of the work is in {@link StartupPlan}.
 */
public final class Agent {

    /** System property holding the URL of the running agent's pprof index. */
    public static final String URL_PROPERTY = "memprof.url";

    private Agent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String rawArgs, Instrumentation inst, boolean attached) {
        try {
            // Checked before anything loads a bootstrap class: the first load decides which loader owns it.
            if (BootstrapInjector.alreadyInjected()) {
                alreadyRunning();
                return;
            }
            BootstrapInjector.inject(inst);
            if (!AgentRuntime.claimStart()) {
                alreadyRunning();
                return;
            }
            StartupPlan.start(AgentArgs.parse(rawArgs), inst, attached);
        } catch (Throwable t) {
            try {
                LoggerFactory.getLogger(Agent.class).error("agent failed to start; the application continues", t);
            } catch (Throwable ignored) {
                // logging itself failed; stay silent rather than disturb the host
            }
        }
    }

    private static void alreadyRunning() {
        String url = System.getProperty(URL_PROPERTY);
        LoggerFactory.getLogger(Agent.class).info("already running{}; this attach changes nothing",
                url == null ? "" : " at " + url);
    }
}
