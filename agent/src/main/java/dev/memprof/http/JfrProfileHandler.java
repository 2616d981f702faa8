package dev.memprof.http;

import dev.memprof.jfr.JfrService;
import dev.memprof.jfr.ProfileKind;

import java.time.Duration;

/**
 * {@code /debug/pprof/jfr?type=T&seconds=N}: any converter type ({@code cpu} by default). With {@code seconds}, a
 * recording of the next N seconds made for that type; without, what the ring recording holds.
 */
final class JfrProfileHandler implements Handler {

    private final JfrService jfr;
    private final int maxSeconds;

    JfrProfileHandler(JfrService jfr, int maxSeconds) {
        this.jfr = jfr;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public Response handle(Request r) throws Exception {
        String type = r.param("type");
        ProfileKind kind = type == null || type.isEmpty() ? ProfileKind.CPU : ProfileKind.of(type);
        if (kind == null) {
            return Responses.error(400, "unknown type \"" + type + "\": expected one of " + ProfileKind.ids());
        }
        String secondsText = r.param("seconds");
        if (secondsText == null || secondsText.isEmpty()) {
            return Responses.attachment("jfr-" + kind.id(), jfr.fromRing(kind));
        }
        long seconds = Params.positiveSeconds(secondsText);
        if (seconds <= 0) {
            return Responses.error(400, Params.INVALID_SECONDS);
        }
        if (seconds > maxSeconds) {
            return Responses.error(400, Params.tooLong(maxSeconds));
        }
        try {
            byte[] profile = jfr.window(kind, Duration.ofSeconds(seconds), r.cancelled());
            return JfrResponses.attachment("jfr-" + kind.id() + "-window", profile);
        } catch (JfrService.BusyException e) {
            return Responses.error(500, "Could not enable CPU profiling: " + e.getMessage());
        }
    }
}
