package dev.memprof.http;

import dev.memprof.json.JsonWriter;
import dev.memprof.memwatch.DiffMode;
import dev.memprof.memwatch.MemWatch;
import dev.memprof.memwatch.MemoryProfile;
import dev.memprof.memwatch.MemwatchException;

/**
 * The {@code /ah/} routes (autohost-memwatch's API) over {@link MemWatch}, one handler per route, bound by
 * {@link #register}.
 */
public final class MemoryProfileHandlers {

    /** A handler body that may fail with a memwatch error, mapped to its status in one place. */
    private interface Body {
        Response run(Request r) throws MemwatchException;
    }

    private final MemWatch memwatch;

    private MemoryProfileHandlers(MemWatch memwatch) {
        this.memwatch = memwatch;
    }

    /** Binds the routes; {@code status} goes before {@code {id}} because the first match wins. */
    static void register(Router router, MemWatch memwatch) {
        MemoryProfileHandlers h = new MemoryProfileHandlers(memwatch);
        router.get("/ah/memoryProfile/status", h.status())
                .post("/ah/memoryProfile", h.create())
                .post("/ah/memoryProfile/{id}/end", h.end())
                .get("/ah/memoryProfile/{id}", h.get())
                .delete("/ah/memoryProfile/{id}", h.delete())
                .get("/ah/memory", h.list());
    }

    Handler status() {
        return r -> Responses.json(200, MemwatchJson.status(memwatch.status()));
    }

    /** POST /ah/memoryProfile[?mode=sampled|histogram][&id=...]: takes "before", answers 201 {"id": ...}. */
    Handler create() {
        return guarded(r -> {
            DiffMode mode = DiffMode.parse(r.param("mode"));
            if (mode == null) {
                return Responses.jsonError(400, "invalid mode: expected sampled or histogram");
            }
            String id = r.param("id");
            if (id != null) {
                Response bad = Ids.check(id);
                if (bad != null) {
                    return bad;
                }
            }
            MemoryProfile p = memwatch.start(id, mode);
            JsonWriter w = new JsonWriter().beginObject().field("id", p.id()).field("mode", p.mode().label());
            if (mode == DiffMode.HISTOGRAM) {
                w.field("note", "histogram mode runs a full GC in this JVM at start and at end");
            }
            return Responses.json(201, w.endObject().toString())
                    .header("Location", "/ah/memoryProfile/" + p.id());
        });
    }

    Handler end() {
        return withId(r -> Responses.json(200, MemwatchJson.profile(memwatch.end(r.pathParam("id")))));
    }

    Handler get() {
        return withId(r -> Responses.json(200, MemwatchJson.profile(memwatch.profile(r.pathParam("id")))));
    }

    Handler delete() {
        return withId(r -> {
            String id = r.pathParam("id");
            memwatch.delete(id);
            return Responses.json(200, new JsonWriter().beginObject().field("message", "Deleted profile " + id)
                    .endObject().toString());
        });
    }

    /** GET /ah/memory[?details=true]. */
    Handler list() {
        return r -> {
            String details = r.param("details");
            if (details != null && !details.equals("true") && !details.equals("false")) {
                return Responses.jsonError(400, "invalid details: expected true or false");
            }
            return Responses.json(200, MemwatchJson.list(memwatch.profiles(), "true".equals(details)));
        };
    }

    private static Handler withId(Body body) {
        return guarded(r -> {
            Response bad = Ids.check(r.pathParam("id"));
            return bad != null ? bad : body.run(r);
        });
    }

    private static Handler guarded(Body body) {
        return r -> {
            try {
                return body.run(r);
            } catch (MemwatchException e) {
                int status = switch (e.kind()) {
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case UNAVAILABLE -> 503;
                };
                return Responses.jsonError(status, e.getMessage());
            }
        };
    }
}
