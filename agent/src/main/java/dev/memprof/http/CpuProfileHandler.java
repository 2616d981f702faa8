package dev.memprof.http;

import dev.memprof.jfr.JfrService;
import dev.memprof.jfr.ProfileKind;

import java.time.Duration;

/**
 * {@code /debug/pprof/profile?seconds=N}: a CPU profile of the next N seconds (default 30, as Go: a missing or bad
 * value means 30), from a JFR recording made for it. One at a time; a second gets Go's 500.
 */
final class CpuProfileHandler implements Handler {

    private final JfrService jfr;
    private final int maxSeconds;

    CpuProfileHandler(JfrService jfr, int maxSeconds) {
        this.jfr = jfr;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public Response handle(Request r) throws Exception {
        long seconds = Params.secondsOr(r.param("seconds"), 30);
        if (seconds > maxSeconds) {
            return Responses.error(400, Params.tooLong(maxSeconds));
        }
        byte[] profile;
        try {
            profile = jfr.window(ProfileKind.CPU, Duration.ofSeconds(seconds), r.cancelled());
        } catch (JfrService.BusyException e) {
            return Responses.error(500, "Could not enable CPU profiling: " + e.getMessage());
        }
        return JfrResponses.attachment("profile", profile);
    }
}
