package dev.memprof.http;

import dev.memprof.capture.CaptureDirectory;
import dev.memprof.jfr.ContentionProfile;
import dev.memprof.jfr.JfrService;
import dev.memprof.memwatch.MemWatch;
import dev.memprof.jfr.ProfileKind;
import dev.memprof.pprof.NamedProfile;
import dev.memprof.sessions.HeapSummaries;
import dev.memprof.sessions.SessionRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the route table from the parts the agent started. The single place that lists every route. */
public final class Routes {

    private final Map<String, NamedProfile> profiles = new LinkedHashMap<>();
    private final Map<String, String> uncounted = new LinkedHashMap<>();
    private final Router router = new Router();
    private final int maxSeconds;
    private final ConcurrencyLimit heavy;

    public Routes(int maxSeconds) {
        this(maxSeconds, HttpServer.Limits.DEFAULT.heavyRequests());
    }

    public Routes(int maxSeconds, int heavyRequests) {
        this.maxSeconds = maxSeconds;
        this.heavy = new ConcurrencyLimit(heavyRequests);
        uncounted.put("cmdline", "The command line invocation of the current program");
    }

    /** Serves a named profile under {@code /debug/pprof/<name>} and lists it on the index. */
    public Routes profile(NamedProfile p) {
        profiles.put(p.name(), p);
        return this;
    }

    /** Adds a handler with a fixed path under {@code /debug/pprof/} that the index lists with count 0. */
    public Routes pprofRoute(String name, String description, Handler h) {
        uncounted.put(name, description);
        router.get("/debug/pprof/" + name, h);
        return this;
    }

    /**
     * The JFR family: {@code profile} (CPU), {@code trace} (raw JFR), {@code jfr} (any converter type), and the
     * {@code block} and {@code mutex} profiles. {@code profile} stays outside the heavy-request bound so that a
     * second CPU profile gets Go's "already in use" rather than 429; it is exclusive anyway.
     */
    public Routes jfr(JfrService jfr) {
        if (jfr == null) {
            return this; // JFR is off: those routes answer 404, and the index does not list them
        }
        profile(new ContentionProfile(jfr, ProfileKind.BLOCK));
        profile(new ContentionProfile(jfr, ProfileKind.MUTEX));
        pprofRoute("profile", "CPU profile. You can specify the duration in the seconds GET parameter. After you "
                + "get the profile file, use the go tool pprof command to investigate the profile.",
                new CpuProfileHandler(jfr, maxSeconds));
        pprofRoute("trace", "A JFR recording of the current program (JFR's profile settings); open it in JDK "
                + "Mission Control. You can specify the duration in the seconds GET parameter.",
                new TraceHandler(jfr, maxSeconds));
        pprofRoute("jfr", "Any JFR-based profile: type=" + ProfileKind.ids().replace(", ", "|")
                + "; with seconds=N a recording of the next N seconds, else the continuous recording.",
                heavy(new JfrProfileHandler(jfr, maxSeconds)));
        return this;
    }

    /**
     * The automatic heap captures: the list at {@code captures} (on the index when captures are on) and each file
     * at {@code captures/<name>}. {@code directory} null means captures are off; the routes then say so.
     */
    public Routes captures(CaptureDirectory directory) {
        CaptureHandlers h = new CaptureHandlers(directory);
        if (directory != null) {
            pprofRoute("captures", "Heap profiles written automatically to captureDir (post-GC heap over "
                    + "captureThreshold, leak events): a JSON list; each one is served at captures/<name>.", h.list());
        } else {
            router.get("/debug/pprof/captures", h.list());
        }
        router.get("/debug/pprof/captures/{name}", heavy(h.file()));
        return this;
    }

    /** The leak watch's {@code /ah/memoryProfile/...} and {@code /ah/memory} routes; null means it is off. */
    public Routes memwatch(MemWatch memwatch) {
        if (memwatch != null) {
            MemoryProfileHandlers.register(router, memwatch);
        }
        return this;
    }

    /** The profiling sessions' {@code /api/v1/profiling/...} routes; null means they are off. */
    public Routes sessions(SessionRegistry sessions, HeapSummaries summaries) {
        if (sessions != null) {
            SessionHandlers.register(this, sessions, summaries, maxSeconds);
        }
        return this;
    }

    /** Serves the registry's metrics at {@code /metrics}. */
    public Routes metrics(dev.memprof.metrics.MetricsRegistry registry) {
        router.get("/metrics", new MetricsHandler(registry));
        return this;
    }

    /** Wraps an expensive handler (profile building, conversion, diffs) in the shared concurrency bound. */
    public Handler heavy(Handler h) {
        return heavy.wrap(h);
    }

    Router router() {
        return router;
    }

    public Router build(List<String> commandLine) {
        Handler symbol = new SymbolHandler();
        router.get("/debug/pprof/", new IndexHandler(profiles, uncounted))
                .get("/debug/pprof", r -> new Response(301, Responses.TEXT, "").header("Location", "/debug/pprof/"))
                .get("/debug/pprof/cmdline", new CmdlineHandler(commandLine))
                .get("/debug/pprof/symbol", symbol)
                .post("/debug/pprof/symbol", symbol)
                .get("/debug/pprof/{name}", new PprofHandler(profiles, maxSeconds, heavy));
        return router;
    }
}
