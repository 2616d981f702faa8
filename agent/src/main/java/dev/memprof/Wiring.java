package dev.memprof;

import dev.memprof.alloc.SamplerCollector;
import dev.memprof.http.Router;
import dev.memprof.http.Routes;
import dev.memprof.memwatch.MemwatchCollector;
import dev.memprof.metrics.JvmCollector;
import dev.memprof.metrics.MetricsRegistry;
import dev.memprof.sessions.AllocatedBytesCollector;
import dev.memprof.threads.GoroutineProfile;
import dev.memprof.threads.ThreadCreateProfile;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the started parts meet the outside: which routes and which {@code /metrics} families each
 * part gets, and how parts that feed each other are joined. A part that is off (null) gets nothing.
 */
final class Wiring {

    private Wiring() {
    }

    static MetricsRegistry metrics(AgentParts parts) {
        MetricsRegistry metrics = new MetricsRegistry()
                .register(new JvmCollector())
                .register(new SamplerCollector(parts.sampler));
        if (parts.memwatch != null) {
            metrics.register(new MemwatchCollector(parts.memwatch));
        }
        if (parts.sessions != null) {
            metrics.register(new AllocatedBytesCollector(parts.sessions.allocated()));
        }
        if (parts.captures != null) {
            metrics.register(parts.captures.collector());
        }
        return metrics;
    }

    /** Joins the parts that feed each other: heap captures listen to the leak watch. */
    static void joinParts(AgentParts parts) {
        if (parts.captures != null && parts.memwatch != null) {
            parts.memwatch.listener(parts.captures.trigger());
        }
    }

    static Router routes(AgentArgs args, AgentParts parts, MetricsRegistry metrics) {
        AgentParts.Sessions sessions = parts.sessions;
        return new Routes(args.maxSeconds())
                .profile(new GoroutineProfile(args.depth()))
                .profile(new ThreadCreateProfile(parts.threadCreates))
                // rate=0: heap and allocs stay served, empty, as Go's are with MemProfileRate=0
                .profile(parts.heap)
                .profile(parts.allocs)
                .jfr(parts.jfr)
                .captures(parts.captures == null ? null : parts.captures.directory())
                .memwatch(parts.memwatch)
                .sessions(sessions == null ? null : sessions.registry(), sessions == null ? null : sessions.summaries())
                .metrics(metrics)
                .build(commandLine());
    }

    /** The JVM's command line as the OS started it, falling back to what the JVM reports (secrets are redacted by the handler). */
    private static List<String> commandLine() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> line = new ArrayList<>();
        if (info.command().isPresent() && info.arguments().isPresent()) {
            line.add(info.command().get());
            line.addAll(List.of(info.arguments().get()));
            return line;
        }
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String command = System.getProperty("sun.java.command");
        if (command != null) {
            line.addAll(List.of(command.split(" ")));
        }
        return line;
    }
}
