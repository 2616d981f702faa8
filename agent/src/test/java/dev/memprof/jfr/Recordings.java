package dev.memprof.jfr;

import jdk.jfr.Recording;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Makes the recordings the converter tests read: in this JVM, in a child JVM (JDK 17 or 25), or by async-profiler. */
final class Recordings {

    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /** A child JVM's recording and the known quantities its {@link Workload} printed. */
    record Child(Path jfr, Map<String, Long> known) {
        long known(String key) {
            Long v = known.get(key);
            if (v == null) {
                throw new AssertionError("the workload printed no " + key + ": " + known);
            }
            return v;
        }
    }

    private Recordings() {
    }

    /** Records {@code work} in this JVM with the given JFR settings. */
    static Path inProcess(Path dir, Map<String, String> settings, ThrowingRunnable work) throws Exception {
        Path file = dir.resolve("in-process-" + System.nanoTime() + ".jfr");
        try (Recording r = new Recording(settings)) {
            r.setToDisk(true);
            r.start();
            work.run();
            r.stop();
            r.dump(file);
        }
        return file;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The JDK 25 launcher when installed (always on the CI machine), else this JVM's own. */
    static String jdk25() {
        if (Files.isExecutable(JDK25)) {
            return JDK25.toString();
        }
        System.err.println("note: " + JDK25 + " is missing; the JDK 25 recordings are made with this JDK");
        return currentJava();
    }

    static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@link Workload} in a child JVM with {@code -XX:StartFlightRecording} and the given options. */
    static Child jdkRecording(Path dir, String java, String flightOptions, long millis) throws Exception {
        Path file = dir.resolve("child-" + System.nanoTime() + ".jfr");
        return run(dir, java, List.of("-XX:StartFlightRecording=filename=" + file + "," + flightOptions), file,
                millis);
    }

    /** Runs {@link Workload} under async-profiler (its Linux library from the test-scope jar). */
    static Child asyncProfilerRecording(Path dir, long millis) throws Exception {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (InputStream in = Recordings.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            if (in == null) {
                throw new AssertionError("the async-profiler test dependency has no linux-x64 library");
            }
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        Path file = dir.resolve("async-profiler-" + System.nanoTime() + ".jfr");
        return run(dir, currentJava(), List.of("-agentpath:" + lib + "=start,event=cpu,interval=10ms,alloc=256k,"
                + "lock=1ms,jfr,file=" + file), file, millis);
    }

    private static Child run(Path dir, String java, List<String> jvmArgs, Path file, long millis) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", testClasses(), Workload.class.getName(), String.valueOf(millis)));
        Path log = dir.resolve("child-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + cmd);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !Files.exists(file)) {
            throw new AssertionError("child JVM failed (" + p.exitValue() + "): " + cmd + "\n" + out);
        }
        Map<String, Long> known = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).trim().matches("\\d+")) {
                known.put(line.substring(0, eq).trim(), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return new Child(file, known);
    }

    private static String testClasses() throws URISyntaxException {
        return Path.of(Workload.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
