package dev.memprof.http;

/** Parameter checks shared by the timed routes, with Go's texts. */
public final class Params {

    public static final String INVALID_SECONDS = "invalid value for \"seconds\" - must be a positive integer";

    private Params() {
    }

    /** The value of a {@code seconds} parameter, or -1 when it is not a positive integer. */
    public static long positiveSeconds(String text) {
        try {
            long v = Long.parseLong(text);
            return v > 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String tooLong(int maxSeconds) {
        return "profile duration exceeds the maximum of " + maxSeconds + " seconds";
    }
}
