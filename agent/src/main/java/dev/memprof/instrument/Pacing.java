package dev.memprof.instrument;

/**
 * How a retransformation of already loaded classes is spread over time. Every {@code retransformClasses} call stops
 * the JVM at a safepoint and throws away the compiled code that depends on the classes it changes; in a service
 * that has been running for a while, that is most of its hot code, so one big call ran it 10 to 20 times slower
 * for seconds. Small batches with pauses keep it serving while its code is recompiled a little at a time.
 *
 * @param batch    classes per {@code retransformClasses} call
 * @param duty     the share of wall time spent retransforming: after a batch that took t, the pause is
 *                 t * (1 - duty) / duty
 * @param deadlineMillis the whole pass should end within this; pauses shrink to fit it
 */
public record Pacing(int batch, double duty, long deadlineMillis) {

    /** One call for everything (a single class, say). */
    public static final Pacing AT_ONCE = new Pacing(Integer.MAX_VALUE, 1.0, 0);

    /**
     * At JVM start: little is compiled yet, so no pauses; batches of 200 so that coverage grows as it goes and no
     * single stop of the JVM (which an exit would wait for) is long.
     */
    public static final Pacing STARTUP = new Pacing(200, 1.0, 0);

    /** After attaching to a live JVM: small batches, a quarter of the time, done within 45 s. */
    public static final Pacing LIVE = new Pacing(40, 0.25, 45_000);

    /** The pause after a batch that took {@code batchNanos}, with {@code batchesLeft} to go and {@code nanosLeft} to the deadline. */
    long pauseNanos(long batchNanos, int batchesLeft, long nanosLeft) {
        if (duty >= 1.0 || batchesLeft <= 0) {
            return 0;
        }
        long wanted = (long) (batchNanos * (1 - duty) / duty);
        long affordable = nanosLeft / batchesLeft - batchNanos;
        return Math.max(0, Math.min(wanted, affordable));
    }
}
