package dev.memprof;

import dev.memprof.threads.AgentThreads;
import dev.memprof.alloc.AllocationRewriter;
import dev.memprof.alloc.AllocationSampler;
import dev.memprof.alloc.AllocationSource;
import dev.memprof.alloc.HeapProfile;
import dev.memprof.alloc.SamplerCollector;
import dev.memprof.capture.HeapCaptures;
import dev.memprof.http.HttpServer;
import dev.memprof.http.Router;
import dev.memprof.http.Routes;
import dev.memprof.jfr.JfrService;
import dev.memprof.log.LogLevel;
import dev.memprof.memwatch.MemWatch;
import dev.memprof.metrics.JvmCollector;
import dev.memprof.metrics.MetricsRegistry;
import dev.memprof.threads.GoroutineProfile;
import dev.memprof.threads.ThreadCreateInstrumentation;
import dev.memprof.threads.ThreadCreateProfile;
import dev.memprof.threads.ThreadCreateRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the agent's parts in order and wires them to the HTTP routes. Each part that fails is logged once and
 * left out; the rest still start.
 */
final class MemprofAgent {

    private static final Logger log = LoggerFactory.getLogger(MemprofAgent.class);

    private MemprofAgent() {
    }

    static void start(AgentArgs args, Instrumentation inst, boolean attached) {
        LogLevel.setThreshold(args.log());
        args.warnings().forEach(log::warn);
        useSafeByteBuddy();
        useNettyWithoutUnsafe();

        ThreadCreateRecorder threadCreates = new ThreadCreateRecorder(args.depth());
        guarded("thread-creation tracking", () -> ThreadCreateInstrumentation.install(inst, threadCreates));

        Routes routes = new Routes(args.maxSeconds())
                .profile(new GoroutineProfile(args.depth()))
                .profile(new ThreadCreateProfile(threadCreates));
        // rate=0: no instrumentation at all; heap and allocs stay served, empty, as Go's are with MemProfileRate=0.
        AllocationSampler sampler = new AllocationSampler(args.rate(), args.depth(), inst,
                AllocationSampler.Limits.DEFAULT);
        AllocationRewriter rewriter = args.rate() > 0
                ? guarded("allocation sampling", () -> AllocationRewriter.register(inst, sampler)) : null;
        HeapProfile heap = HeapProfile.heap(sampler);
        routes.profile(heap).profile(HeapProfile.allocs(sampler));
        AllocationSource allocations = args.rate() > 0 ? sampler : null;
        MetricsRegistry metrics = new MetricsRegistry()
                .register(new JvmCollector())
                .register(new SamplerCollector(sampler));
        routes.metrics(metrics);
        MemWatch memwatch = guarded("leak watch and sessions",
                () -> LeakWatchAndSessions.start(args, inst, allocations, routes, metrics));
        routes.captures(guarded("heap captures",
                () -> HeapCaptures.start(args.captures(), heap, args.rate() > 0, memwatch, metrics)));
        guarded("JFR profiling", () -> startJfr(args, routes, inst));
        Router router = routes.build(commandLine());

        // Bind now, so that a busy port is reported at once; the slow part, rewriting the classes loaded before
        // us, runs beside the application's start-up. The "listening" line and memprof.url come when it is done:
        // from then on, sampling is on.
        HttpServer server = AgentServer.start(args, router);
        Thread init = AgentThreads.newThread("init", () -> {
            if (rewriter != null) {
                guarded("allocation sampling", () -> rewriter.rewriteLoadedClassesAndStart(inst));
            }
            if (server != null) {
                AgentServer.announce(args, server);
            }
        });
        init.start();
    }

    /** The continuous ring recording and the JFR routes; an unwritable temp directory turns them off. */
    private static void startJfr(AgentArgs args, Routes routes, Instrumentation inst) {
        if (!args.jfr()) {
            log.info("jfr=off: the profile, trace, jfr, block and mutex routes are off");
            return;
        }
        JfrService jfr;
        try {
            JfrService.readEventsFast(inst);
            jfr = JfrService.start();
        } catch (IOException e) {
            log.warn("JFR features are off: cannot create a temporary directory ({})", e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(jfr::close, "memprof-jfr-cleanup"));
        routes.jfr(jfr);
    }


    /**
     * ByteBuddy's safe mode avoids its {@code sun.misc.Unsafe} class injector, which makes JDK 24+ print a
     * deprecation warning on the host's stderr. Shading rewrites the property's prefix, so derive it at run time.
     */
    private static void useSafeByteBuddy() {
        String property = net.bytebuddy.ByteBuddy.class.getPackageName() + ".safe";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    /**
     * The shaded Netty cannot see {@code sun.misc.Unsafe} (agent/pom.xml points it at a missing class). Saying so
     * explicitly keeps Netty from logging, on JDKs before 25, that its low-level buffer API is incomplete. The
     * property name is derived at run time because shading rewrites Netty's prefix.
     */
    private static void useNettyWithoutUnsafe() {
        String nettyPackage = io.netty.util.NettyRuntime.class.getPackageName();
        String property = nettyPackage.substring(0, nettyPackage.length() - ".util".length()) + ".noUnsafe";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    /** The JVM's command line as the OS started it, falling back to what the JVM reports. */
    static List<String> commandLine() {
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

    private static void guarded(String what, Runnable part) {
        guarded(what, () -> {
            part.run();
            return null;
        });
    }

    /** Runs one part's start-up; a failure is logged once and the part is off (null). */
    private static <T> T guarded(String what, java.util.function.Supplier<T> part) {
        try {
            return part.get();
        } catch (Throwable t) {
            log.warn("{} is off: it failed to start", what, t);
            return null;
        }
    }
}
