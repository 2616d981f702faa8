package dev.memprof.jfr;

import jdk.jfr.Configuration;

import java.io.IOException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JFR settings of the recordings the agent makes itself. */
final class RecordingSettings {

    private RecordingSettings() {
    }

    /**
     * The continuous ring: every profile type at low cost. Sampling at 20 ms (JFR's default), allocation samples
     * throttled to 150 a second, contention events only from 1 ms, and per-thread CPU load every 10 s so a CPU
     * profile of the ring can be calibrated.
     */
    static Map<String, String> ring() {
        Map<String, String> s = new LinkedHashMap<>();
        for (ProfileKind k : ProfileKind.values()) {
            s.putAll(k.settings());
        }
        s.put(CpuConverter.EXECUTION + "#period", "20 ms");
        s.put(WallConverter.NATIVE + "#period", "20 ms");
        s.put(AllocConverter.SAMPLE + "#throttle", "150/s");
        s.putAll(cpuLoad("10 s"));
        return s;
    }

    /** A recording made for one profile type; CPU profiles from files also get per-thread CPU load each second. */
    static Map<String, String> window(ProfileKind kind) {
        Map<String, String> s = new LinkedHashMap<>(kind.settings());
        if (kind == ProfileKind.CPU) {
            s.putAll(cpuLoad("1 s"));
        }
        return s;
    }

    /**
     * Events that copy the process's command line, agent options, environment and system properties, or every
     * process's command line, into a recording. Secrets travel there ({@code token=}, {@code -Dpassword=}, API keys
     * in the environment), and the trace route hands its recording to HTTP clients, so it leaves them out. The agent
     * events exist from JDK 22 on; JFR ignores settings for events it does not have.
     */
    private static final String[] SECRET_BEARING = {"jdk.JVMInformation", "jdk.InitialSystemProperty",
            "jdk.InitialEnvironmentVariable", "jdk.SystemProcess", "jdk.JavaAgent", "jdk.NativeAgent"};

    /** The trace route: JFR's own "profile" settings, with our contention thresholds on top. */
    static Map<String, String> trace() throws IOException {
        Map<String, String> s;
        try {
            s = new LinkedHashMap<>(Configuration.getConfiguration("profile").getSettings());
        } catch (ParseException e) {
            throw new IOException("JFR's profile settings cannot be read: " + e.getMessage(), e);
        }
        s.putAll(ProfileKind.BLOCK.settings());
        s.putAll(ProfileKind.MUTEX.settings());
        for (String event : SECRET_BEARING) {
            s.put(event + "#enabled", "false");
        }
        return s;
    }

    private static Map<String, String> cpuLoad(String period) {
        return Map.of(
                ThreadCpuLoadEstimate.LOAD + "#enabled", "true",
                ThreadCpuLoadEstimate.LOAD + "#period", period,
                ThreadCpuLoadEstimate.CPU_INFO + "#enabled", "true",
                ThreadCpuLoadEstimate.CPU_INFO + "#period", "beginChunk",
                ThreadCpuLoadEstimate.CONTAINER + "#enabled", "true",
                ThreadCpuLoadEstimate.CONTAINER + "#period", "beginChunk");
    }
}
