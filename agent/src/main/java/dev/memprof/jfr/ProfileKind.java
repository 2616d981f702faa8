package dev.memprof.jfr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The profile types a recording converts to, each with its converter and the JFR settings that a recording made
 * for it alone needs. Thresholds of 1 ms keep contention events cheap and still show real contention.
 */
public enum ProfileKind {
    CPU(w -> new CpuConverter(w, null), Map.of(
            CpuConverter.EXECUTION + "#enabled", "true",
            CpuConverter.EXECUTION + "#period", "10 ms")),
    WALL(WallConverter::new, Map.of(
            CpuConverter.EXECUTION + "#enabled", "true",
            CpuConverter.EXECUTION + "#period", "10 ms",
            WallConverter.NATIVE + "#enabled", "true",
            WallConverter.NATIVE + "#period", "10 ms")),
    ALLOC(AllocConverter::new, Map.of(
            AllocConverter.SAMPLE + "#enabled", "true",
            AllocConverter.SAMPLE + "#throttle", "300/s",
            AllocConverter.SAMPLE + "#stackTrace", "true")),
    LIVE(LiveConverter::new, Map.of(
            LiveConverter.OLD_OBJECT + "#enabled", "true",
            LiveConverter.OLD_OBJECT + "#cutoff", "0 ns",
            LiveConverter.OLD_OBJECT + "#stackTrace", "true")),
    BLOCK(BlockConverter::new, Map.of(
            BlockConverter.PARK + "#enabled", "true",
            BlockConverter.PARK + "#threshold", "1 ms",
            BlockConverter.PARK + "#stackTrace", "true",
            BlockConverter.WAIT + "#enabled", "true",
            BlockConverter.WAIT + "#threshold", "1 ms",
            BlockConverter.WAIT + "#stackTrace", "true")),
    MUTEX(MutexConverter::new, Map.of(
            MutexConverter.ENTER + "#enabled", "true",
            MutexConverter.ENTER + "#threshold", "1 ms",
            MutexConverter.ENTER + "#stackTrace", "true"));

    private final Function<TimeWindow, JfrConverter> converter;
    private final Map<String, String> settings;

    ProfileKind(Function<TimeWindow, JfrConverter> converter, Map<String, String> settings) {
        this.converter = converter;
        this.settings = settings;
    }

    /** A fresh converter for a file; CPU time is estimated from the file's own events. */
    public JfrConverter converter(TimeWindow window) {
        return converter.apply(window);
    }

    /** The JFR settings (event#setting -> value) of a recording made for this profile alone. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put(ActiveSettings.EVENT + "#enabled", "true");
        return s;
    }

    /** The lower-case name used on the command line and in {@code ?type=}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this id, or null. */
    public static ProfileKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst().orElse(null);
    }

    /** "cpu, wall, alloc, live, block, mutex", for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ProfileKind::id).collect(Collectors.joining(", "));
    }
}
