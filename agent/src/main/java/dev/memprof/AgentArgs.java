package dev.memprof;

import dev.memprof.capture.CaptureSettings;
import dev.memprof.capture.CaptureThreshold;
import dev.memprof.log.LogLevel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent's arguments: a comma-separated list of {@code key=value} pairs (docs/architecture.md; the keys are in the README).
 *
 * <p>Parsing never fails. A bad value produces a warning that names the key, and the default stays in force; an
 * unknown key produces a warning that names it. The token is never part of {@link #toString()} or of a warning.
 */
public final class AgentArgs {

    public static final int DEFAULT_PORT = 6060;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_RATE = 512 * 1024;
    public static final int DEFAULT_DEPTH = 64;
    public static final int MAX_DEPTH = 1024;
    public static final int DEFAULT_MAX_SECONDS = 300;
    public static final int DEFAULT_GROWTH_WINDOW_SECONDS = 600;

    private int port = DEFAULT_PORT;
    private String host = DEFAULT_HOST;
    private String token;
    private String tokenFile;
    private long rate = DEFAULT_RATE;
    private int depth = DEFAULT_DEPTH;
    private boolean jfr = true;
    private boolean insecure;
    private String tlsCert;
    private String tlsKey;
    private LogLevel log = LogLevel.INFO;
    private int maxSeconds = DEFAULT_MAX_SECONDS;
    private int growthWindowSeconds = DEFAULT_GROWTH_WINDOW_SECONDS;
    private String captureDir;
    private CaptureThreshold captureThreshold = CaptureThreshold.NONE;
    private long captureIntervalSeconds = CaptureSettings.DEFAULT_INTERVAL_SECONDS;
    private int captureMax = CaptureSettings.DEFAULT_MAX;
    private boolean captureKeyWithoutDir;
    private final List<String> warnings = new ArrayList<>();

    private AgentArgs() {
    }

    public static AgentArgs defaults() {
        return new AgentArgs();
    }

    /** Parses the agent argument string; {@code null} or blank gives the defaults. */
    public static AgentArgs parse(String raw) {
        AgentArgs a = new AgentArgs();
        if (raw == null || raw.isBlank()) {
            return a;
        }
        for (String pair : raw.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            a.set(key, value);
        }
        if (a.captureKeyWithoutDir && a.captureDir == null) {
            a.warnings.add("captureThreshold, captureInterval and captureMax have no effect without captureDir");
        }
        return a;
    }

    private void set(String key, String value) {
        switch (key) {
            case "port" -> port = number(key, value, 0, 65535, port).intValue();
            case "host" -> host = nonEmpty(key, value, host);
            case "token" -> token = nonEmpty(key, value, null);
            case "tokenFile" -> tokenFile = nonEmpty(key, value, null);
            case "rate" -> rate = number(key, value, 0, 1L << 40, rate);
            case "depth" -> depth = number(key, value, 1, MAX_DEPTH, depth).intValue();
            case "jfr" -> jfr = onOff(key, value, jfr);
            case "insecure" -> insecure = onOff(key, value, insecure);
            case "tlsCert" -> tlsCert = nonEmpty(key, value, null);
            case "tlsKey" -> tlsKey = nonEmpty(key, value, null);
            case "maxSeconds" -> maxSeconds = number(key, value, 1, 86_400, maxSeconds).intValue();
            case "growthWindow" -> growthWindowSeconds = seconds(key, value, 10, 86_400, growthWindowSeconds).intValue();
            case "log" -> log = parsed(key, value, LogLevel::parse, log, "one of trace, debug, info, warn, error, off");
            case "captureDir" -> captureDir = value.isEmpty() ? nonEmpty(key, value, captureDir)
                    : parsed(key, value, AgentArgs::path, captureDir, "a directory path");
            case "captureThreshold" -> captureThreshold = capture(parsed(key, value, CaptureThreshold::parse,
                    captureThreshold, "bytes (optionally with k, m or g) or a percentage of the maximum heap (1% "
                            + "to 100%)"));
            case "captureInterval" -> captureIntervalSeconds = capture(seconds(key, value, 1,
                    CaptureSettings.MAX_INTERVAL_SECONDS, captureIntervalSeconds));
            case "captureMax" -> captureMax = capture(number(key, value, 1, CaptureSettings.MAX_MAX, captureMax))
                    .intValue();
            default -> warnings.add("unknown agent argument '" + key + "' ignored");
        }
    }

    /** Notes that a capture setting was given, so that one without captureDir can be pointed out. */
    private <T> T capture(T value) {
        captureKeyWithoutDir = true;
        return value;
    }

    private Long number(String key, String value, long min, long max, long fallback) {
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        warnings.add("bad value for '" + key + "' (" + shown(key, value) + "): expected an integer from " + min
                + " to " + max + "; using " + fallback);
        return fallback;
    }

    /** A duration in whole seconds, optionally with a unit: {@code 300}, {@code 300s}, {@code 5m}, {@code 1h}. */
    private Long seconds(String key, String value, long min, long max, long fallback) {
        Long v = parseSeconds(value);
        if (v != null && v >= min && v <= max) {
            return v;
        }
        warnings.add("bad value for '" + key + "' (" + value + "): expected " + min + " to " + max
                + " seconds, optionally with s, m or h (300, 300s, 5m); using " + fallback);
        return fallback;
    }

    static Long parseSeconds(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> 0;
        };
        String digits = unit == 0 ? v : v.substring(0, v.length() - 1);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(digits) * Math.max(unit, 1);
    }

    private boolean onOff(String key, String value, boolean fallback) {
        switch (value.toLowerCase()) {
            case "on", "true", "yes", "1" -> {
                return true;
            }
            case "off", "false", "no", "0" -> {
                return false;
            }
            default -> {
                warnings.add("bad value for '" + key + "' (" + value + "): expected on or off; using "
                        + (fallback ? "on" : "off"));
                return fallback;
            }
        }
    }

    private String nonEmpty(String key, String value, String fallback) {
        if (!value.isEmpty()) {
            return value;
        }
        warnings.add("empty value for '" + key + "' ignored");
        return fallback;
    }

    private <T> T parsed(String key, String value, Function<String, T> parser, T fallback, String expected) {
        T v = parser.apply(value);
        if (v == null) {
            warnings.add("bad value for '" + key + "' (" + value + "): expected " + expected + "; using " + fallback);
            return fallback;
        }
        return v;
    }

    /** The value if it is a path this platform accepts, else null. */
    private static String path(String value) {
        try {
            return Path.of(value).toString();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static String shown(String key, String value) {
        return key.startsWith("token") ? "***" : value;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    /** The token given inline with {@code token=}, or null. Prefer {@link #tokenFile()}. */
    public String token() {
        return token;
    }

    public String tokenFile() {
        return tokenFile;
    }

    public long rate() {
        return rate;
    }

    public int depth() {
        return depth;
    }

    public boolean jfr() {
        return jfr;
    }

    public boolean insecure() {
        return insecure;
    }

    /** PEM certificate chain for HTTPS, or null for plain HTTP. */
    public String tlsCert() {
        return tlsCert;
    }

    /** PEM private key (PKCS#8) matching {@link #tlsCert()}. */
    public String tlsKey() {
        return tlsKey;
    }

    public LogLevel log() {
        return log;
    }

    /** The longest duration any timed route (seconds=N) accepts. */
    public int maxSeconds() {
        return maxSeconds;
    }

    /** The sliding window, in seconds, of the leak watch's growth trend. */
    public int growthWindowSeconds() {
        return growthWindowSeconds;
    }

    /** Automatic heap captures; {@link CaptureSettings#enabled()} is false without {@code captureDir}. */
    public CaptureSettings captures() {
        return new CaptureSettings(captureDir == null ? null : Path.of(captureDir), captureThreshold,
                Duration.ofSeconds(captureIntervalSeconds), captureMax);
    }

    /** Problems found while parsing, one line each, in order. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("port", port);
        shown.put("host", host);
        shown.put("token", token == null ? "none" : "***");
        shown.put("tokenFile", tokenFile == null ? "none" : tokenFile);
        shown.put("rate", rate);
        shown.put("depth", depth);
        shown.put("jfr", jfr ? "on" : "off");
        shown.put("log", log.name().toLowerCase());
        return shown.toString();
    }
}
