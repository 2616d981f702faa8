package dev.memprof.http;

import dev.memprof.json.JsonException;
import dev.memprof.json.JsonWriter;
import dev.memprof.sessions.FunctionShare;
import dev.memprof.sessions.HeapSummaries;
import dev.memprof.sessions.HeapSummary;
import dev.memprof.sessions.Session;
import dev.memprof.sessions.SessionLimitException;
import dev.memprof.sessions.SessionProfile;
import dev.memprof.sessions.SessionRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** The {@code /api/v1/profiling/} routes over {@link SessionRegistry}, bound by {@link #register}. */
public final class SessionHandlers {

    private final SessionRegistry sessions;
    private final HeapSummaries summaries;
    private final int maxSeconds;

    private SessionHandlers(SessionRegistry sessions, HeapSummaries summaries, int maxSeconds) {
        this.sessions = sessions;
        this.summaries = summaries;
        this.maxSeconds = maxSeconds;
    }

    /**
     * Binds the routes; {@code maxSeconds} caps a session's duration. Building the pprof profile shares the bound
     * on expensive requests ({@link Routes#heavy}).
     */
    static void register(Routes routes, SessionRegistry sessions, HeapSummaries summaries, int maxSeconds) {
        SessionHandlers h = new SessionHandlers(sessions, summaries, maxSeconds);
        routes.router().post("/api/v1/profiling/sessions", h.create())
                .get("/api/v1/profiling/sessions", h.list())
                .get("/api/v1/profiling/sessions/{id}", h.get())
                .delete("/api/v1/profiling/sessions/{id}", h.delete())
                .get("/api/v1/profiling/heap/{sessionId}/summary", h.summary())
                .get("/api/v1/profiling/heap/{sessionId}/profile", routes.heavy(h.profile()));
    }

    Handler create() {
        return r -> {
            SessionRequest req;
            try {
                req = SessionRequest.parse(r.body(), maxSeconds);
            } catch (JsonException e) {
                return Responses.jsonError(400, "bad request body: " + e.getMessage());
            }
            try {
                Session s = sessions.create(Duration.ofSeconds(req.durationSeconds()), req.label());
                return Responses.json(201, session(new JsonWriter(), s).toString())
                        .header("Location", "/api/v1/profiling/sessions/" + s.id());
            } catch (SessionLimitException e) {
                return Responses.jsonError(429, e.getMessage());
            }
        };
    }

    Handler list() {
        return r -> {
            JsonWriter w = new JsonWriter().beginObject().name("sessions").beginArray();
            for (Session s : sessions.list()) {
                session(w, s);
            }
            return Responses.json(200, w.endArray().endObject().toString());
        };
    }

    Handler get() {
        return withSession("id", s -> Responses.json(200, session(new JsonWriter(), s).toString()));
    }

    Handler delete() {
        return r -> {
            String id = r.pathParam("id");
            Response bad = Ids.check(id);
            if (bad != null) {
                return bad;
            }
            if (!sessions.delete(id)) {
                return unknown(id);
            }
            return Responses.json(200, new JsonWriter().beginObject().field("message", "Deleted session " + id)
                    .endObject().toString());
        };
    }

    Handler summary() {
        return withSession("sessionId", s -> Responses.json(200, summary(summaries.of(s))));
    }

    Handler profile() {
        return withSession("sessionId", s -> Responses.attachment("heap-" + s.id(), SessionProfile.gzipped(s)));
    }

    private Handler withSession(String param, Function<Session, Response> body) {
        return r -> {
            String id = r.pathParam(param);
            Response bad = Ids.check(id);
            if (bad != null) {
                return bad;
            }
            Optional<Session> s = sessions.get(id);
            return s.isPresent() ? body.apply(s.get()) : unknown(id);
        };
    }

    private static Response unknown(String id) {
        return Responses.jsonError(404, "no session " + id);
    }

    private static JsonWriter session(JsonWriter w, Session s) {
        return w.beginObject()
                .field("sessionId", s.id())
                .field("label", s.label())
                .field("state", s.running() ? "running" : "finished")
                .field("startTime", s.start())
                .field("endTime", s.endOrPlanned())
                .field("durationSeconds", s.duration().toSeconds())
                .field("samplingRate", s.rate())
                .field("sampleCount", s.samples().sampleCount())
                .endObject();
    }

    private static String summary(HeapSummary h) {
        JsonWriter w = new JsonWriter().beginObject()
                .field("sessionId", h.sessionId())
                .field("totalAllocBytes", h.totalAllocBytes())
                .field("heapInuseBytes", h.heapInuseBytes())
                .field("gcCount", h.gcCount())
                .field("nextGcTargetBytes", h.nextGcTargetBytes())
                .name("topAllocFunctions").beginArray();
        for (FunctionShare f : h.topAllocFunctions()) {
            w.beginObject()
                    .field("funcName", f.funcName())
                    .field("package", f.pkg())
                    .field("selfPct", f.selfPct())
                    .field("cumulativePct", f.cumulativePct())
                    .field("sampleCount", f.sampleCount())
                    .endObject();
        }
        return w.endArray().endObject().toString();
    }
}
