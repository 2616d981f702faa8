package dev.memprof.http;

/** Parameter checks shared by the timed routes, with Go's texts. */
public final class Params {

    public static final String INVALID_SECONDS = "invalid value for \"seconds\" - must be a positive integer";

    private Params() {
    }

    /** The value of a {@code seconds} parameter, or -1 when it is not a positive integer. */
    public static long positiveSeconds(String text) {
        if (!asciiInteger(text)) {
            return -1;
        }
        try {
            long v = Long.parseLong(text);
            return v > 0 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Go's reading of {@code seconds} in its {@code profile} handler ({@code strconv.ParseInt}): a missing,
     * malformed or non-positive value means {@code fallback}.
     */
    public static long secondsOr(String text, long fallback) {
        long v = positiveSeconds(text);
        return v > 0 ? v : fallback;
    }

    /** The same for Go's {@code trace} handler, which parses a float, so fractions of a second count. */
    public static double fractionalSecondsOr(String text, double fallback) {
        try {
            double v = Double.parseDouble(text);
            return v > 0 && !Double.isInfinite(v) ? v : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    /**
     * Whether {@code text} is an optional sign and ASCII digits, the only form Go's {@code strconv.Atoi} accepts.
     * Java's {@code Long.parseLong} also takes digits of other scripts ("\u0661" is 1), which Go rejects.
     */
    public static boolean asciiInteger(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static String tooLong(int maxSeconds) {
        return "profile duration exceeds the maximum of " + maxSeconds + " seconds";
    }
}
