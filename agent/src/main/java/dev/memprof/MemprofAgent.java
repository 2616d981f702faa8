package dev.memprof;

import dev.memprof.http.BearerAuth;
import dev.memprof.http.HttpServer;
import dev.memprof.http.Router;
import dev.memprof.http.Routes;
import dev.memprof.jfr.JfrService;
import dev.memprof.log.LogLevel;
import dev.memprof.threads.GoroutineProfile;
import dev.memprof.threads.ThreadCreateInstrumentation;
import dev.memprof.threads.ThreadCreateProfile;
import dev.memprof.threads.ThreadCreateRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

        ThreadCreateRecorder threadCreates = new ThreadCreateRecorder(args.depth());
        guarded("thread-creation tracking", () -> ThreadCreateInstrumentation.install(inst, threadCreates));

        Routes routes = new Routes(args.maxSeconds())
                .profile(new GoroutineProfile(args.depth()))
                .profile(new ThreadCreateProfile(threadCreates));
        guarded("JFR profiling", () -> startJfr(args, routes));
        startServer(args, routes.build(commandLine()));
    }

    /** The continuous ring recording and the JFR routes; an unwritable temp directory turns them off. */
    private static void startJfr(AgentArgs args, Routes routes) {
        if (!args.jfr()) {
            log.info("jfr=off: the profile, trace, jfr, block and mutex routes are off");
            return;
        }
        JfrService jfr;
        try {
            jfr = JfrService.start();
        } catch (IOException e) {
            log.warn("JFR features are off: cannot create a temporary directory ({})", e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(jfr::close, "memprof-jfr-cleanup"));
        routes.jfr(jfr);
    }

    private static void startServer(AgentArgs args, Router router) {
        String token;
        try {
            token = token(args);
        } catch (IOException e) {
            log.error("cannot read tokenFile {} ({}); the server does not start", args.tokenFile(), e.getMessage());
            return;
        }
        if (token == null && !args.insecure() && !isLoopback(args.host())) {
            log.error("refusing to serve on non-loopback host {} without a token; set tokenFile= (or insecure=true)",
                    args.host());
            return;
        }
        try {
            HttpServer server = HttpServer.start(args.host(), args.port(), router, new BearerAuth(token),
                    HttpServer.Limits.DEFAULT);
            String url = "http://" + hostForUrl(args.host()) + ":" + server.address().getPort() + "/debug/pprof/";
            System.setProperty(Agent.URL_PROPERTY, url);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "memprof-shutdown"));
            log.info("listening on {}", url);
        } catch (Exception e) {
            log.error("cannot listen on {}:{} ({}); profiling routes are off, the application continues",
                    args.host(), args.port(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static String token(AgentArgs args) throws IOException {
        if (args.tokenFile() != null) {
            String t = Files.readString(Path.of(args.tokenFile()), StandardCharsets.UTF_8).trim();
            return t.isEmpty() ? null : t;
        }
        return args.token();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
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
        try {
            part.run();
        } catch (Throwable t) {
            log.warn("{} is off: it failed to start", what, t);
        }
    }
}
