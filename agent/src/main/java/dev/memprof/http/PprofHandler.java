package dev.memprof.http;

import dev.memprof.pprof.NamedProfile;

import java.util.Map;

/**
 * {@code GET /debug/pprof/<name>} with the semantics of Go's {@code net/http/pprof} handler: the same parameters
 * ({@code debug}, {@code gc}, {@code seconds}), the same validation order and error texts, and the same headers.
 */
final class PprofHandler implements Handler {

    private final Map<String, NamedProfile> profiles;
    private final int maxSeconds;
    private final RecentProfiles recent = new RecentProfiles();

    PprofHandler(Map<String, NamedProfile> profiles, int maxSeconds) {
        this.profiles = profiles;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public Response handle(Request r) throws Exception {
        NamedProfile p = profiles.get(r.pathParam("name"));
        if (p == null) {
            return Responses.error(404, "Unknown profile");
        }
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
        boolean reuse = p.reusable() && r.intParam("gc") <= 0;
        return Responses.attachment(p.name(), reuse ? recent.get(p.name(), p::pprof) : p.pprof());
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
