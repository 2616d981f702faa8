package dev.memprof.http;

import dev.memprof.pprof.NamedProfile;

import java.util.Map;

/**
 * {@code GET /debug/pprof/<name>} with the semantics of Go's {@code net/http/pprof} handler: the same parameters
 * ({@code debug}, {@code gc}, {@code seconds}), the same validation order and error texts, and the same headers.
 * A plain request for a {@link NamedProfile#reusable() reusable} profile is served from {@link RecentProfiles}
 * without taking a turn of the heavy-request bound; everything that builds takes one.
 */
final class PprofHandler implements Handler {

    private final Map<String, NamedProfile> profiles;
    private final int maxSeconds;
    private final RecentProfiles recent = new RecentProfiles();
    /** {@link #build} under the heavy-request bound. */
    private final Handler bounded;

    PprofHandler(Map<String, NamedProfile> profiles, int maxSeconds, ConcurrencyLimit heavy) {
        this.profiles = profiles;
        this.maxSeconds = maxSeconds;
        this.bounded = heavy.wrap(this::build);
    }

    @Override
    public Response handle(Request r) throws Exception {
        NamedProfile p = profiles.get(r.pathParam("name"));
        if (p == null) {
            return Responses.error(404, "Unknown profile");
        }
        if (reuse(r, p)) {
            byte[] recentBytes = recent.cached(p.name(), p::pprof);
            if (recentBytes != null) {
                return Responses.attachment(p.name(), recentBytes);
            }
        }
        return bounded.handle(r);
    }

    /** Only the plain binary form is shared: never a delta, a text form, or {@code gc=1} (it wants a fresh GC). */
    private static boolean reuse(Request r, NamedProfile p) {
        String seconds = r.param("seconds");
        return p.reusable() && (seconds == null || seconds.isEmpty()) && r.intParam("gc") <= 0
                && r.intParam("debug") == 0;
    }

    private Response build(Request r) throws Exception {
        NamedProfile p = profiles.get(r.pathParam("name"));
        String seconds = r.param("seconds");
        if (seconds != null && !seconds.isEmpty()) {
            return delta(r, p, seconds);
        }
        if (r.intParam("gc") > 0) {
            p.collectGarbageFirst();
        }
        int debug = r.intParam("debug");
        if (debug != 0) {
            return Responses.text(p.text(debug));
        }
        return Responses.attachment(p.name(), reuse(r, p) ? recent.build(p.name(), p::pprof) : p.pprof());
    }

    private Response delta(Request r, NamedProfile p, String secondsText) throws InterruptedException {
        long seconds = Params.positiveSeconds(secondsText);
        if (seconds <= 0) {
            return Responses.error(400, Params.INVALID_SECONDS);
        }
        if (!p.supportsDelta()) {
            return Responses.error(400, "\"seconds\" parameter is not supported for this profile type");
        }
        if (seconds > maxSeconds) {
            return Responses.error(400, Params.tooLong(maxSeconds));
        }
        if (r.intParam("debug") != 0) {
            return Responses.error(400, "seconds and debug params are incompatible");
        }
        byte[] bytes = p.delta(seconds, r.cancelled());
        if (bytes == null) {
            return Responses.error(499, "client closed request").header("Connection", "close");
        }
        return Responses.attachment(p.name() + "-delta", bytes);
    }

}
