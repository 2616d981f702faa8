package dev.memprof.http;

import dev.memprof.jfr.JfrService;

import java.time.Duration;

/**
 * {@code /debug/pprof/trace?seconds=N}: the raw JFR recording (JFR's profile settings) of the next N seconds,
 * default 1 and fractions allowed as in Go. JDK Mission Control and {@code jfr print} read it.
 */
final class TraceHandler implements Handler {

    private final JfrService jfr;
    private final int maxSeconds;

    TraceHandler(JfrService jfr, int maxSeconds) {
        this.jfr = jfr;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public Response handle(Request r) throws Exception {
        double seconds = Params.fractionalSecondsOr(r.param("seconds"), 1);
        if (seconds > maxSeconds) {
            return Responses.error(400, Params.tooLong(maxSeconds));
        }
        byte[] recording = jfr.trace(Duration.ofNanos((long) (seconds * 1e9)), r.cancelled());
        return JfrResponses.attachment("trace", recording);
    }
}
