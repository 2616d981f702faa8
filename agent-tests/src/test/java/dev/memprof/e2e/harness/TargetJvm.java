package dev.memprof.e2e.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target JVM started for one test: a main class from the test classes, optionally with
 * {@code -javaagent:memprof.jar=...}. Collects stdout and stderr lines, finds the agent's URL in its log line, and is
 * always destroyed on {@link #close()}.
 */
public final class TargetJvm implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("memprof: listening on (http\\S+)");

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private TargetJvm(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, "stdout");
        pump(process.getErrorStream(), err, "stderr");
    }

    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass);
    }

    /** The bundled demo as the README runs it: {@code java [-javaagent:memprof.jar=...] -jar memprof.jar demo}. */
    public static Builder demo() {
        return new Builder(null);
    }

    /** The built agent jar under test. */
    public static Path agentJar() {
        String p = System.getProperty("memprof.jar");
        if (p == null) {
            throw new IllegalStateException("system property memprof.jar is not set (run through Maven)");
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** The java launcher of the JDK that runs the tests, so targets run on the same JDK (17 or 25). */
    public static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int javaFeatureVersion() {
        return Runtime.version().feature();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Waits for the agent's "listening on" line and returns the index URL (ending in /debug/pprof/). */
    public String awaitUrl(Duration timeout) {
        String line = awaitLine(err, l -> LISTENING.matcher(l).find(), timeout, "the agent's 'listening on' line");
        Matcher m = LISTENING.matcher(line);
        m.find();
        return m.group(1);
    }

    /** The base URL without trailing slash, e.g. http://127.0.0.1:1234/debug/pprof */
    public String awaitBase(Duration timeout) {
        String url = awaitUrl(timeout);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Waits for the agent's line saying that the classes loaded before it (the JDK's) are rewritten: from then on
     * allocations inside them are sampled too. The server may answer before that.
     */
    public void awaitFullCoverage(Duration timeout) {
        awaitStderr("allocation sampling covers every class", timeout);
    }

    public String awaitStdout(String fragment, Duration timeout) {
        return awaitLine(out, l -> l.contains(fragment), timeout, "stdout line containing '" + fragment + "'");
    }

    public String awaitStderr(String fragment, Duration timeout) {
        return awaitLine(err, l -> l.contains(fragment), timeout, "stderr line containing '" + fragment + "'");
    }

    public List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    public List<String> stderr() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Writes one line to the target's stdin (targets that take commands read them there). */
    public void send(String line) throws IOException {
        var in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Sends a command and waits for the target to print "done <command>". */
    public void command(String line, Duration timeout) throws IOException {
        int before = (int) stdout().stream().filter(l -> l.equals("done " + line)).count();
        send(line);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().stream().filter(l -> l.equals("done " + line)).count() > before) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("command '" + line + "' not done within " + timeout + "\nstdout: " + stdout()
                + "\nstderr: " + stderr());
    }

    /** Waits for the process to exit and returns its status; fails the test on timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("target did not exit within " + timeout + "\nstderr: " + stderr());
        }
        Thread.sleep(100); // let the pumps drain the last lines
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String awaitLine(List<String> lines, Predicate<String> p, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String l : lines) {
                    if (p.test(l)) {
                        return l;
                    }
                }
            }
            if (!process.isAlive() && System.nanoTime() > deadline - timeout.toNanos() / 2) {
                break;
            }
            sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeout + "\nstdout: " + stdout() + "\nstderr: "
                + stderr());
    }

    private static void pump(InputStream in, List<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "target-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Builds the command line of a target JVM. */
    public static final class Builder {
        private final Class<?> mainClass; // null: the demo inside memprof.jar
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private String agentArgs;
        private final List<String> extraClasspath = new ArrayList<>();

        private Builder(Class<?> mainClass) {
            this.mainClass = mainClass;
        }

        /** Loads the agent at start-up with these arguments (e.g. "port=0"). */
        public Builder agent(String agentArgs) {
            this.agentArgs = agentArgs;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /**
         * Adds the jar of one test dependency (matched by file name, e.g. "byte-buddy-") to the target's class
         * path. Only named jars: the whole test class path would put the unshaded agent in front of memprof.jar.
         */
        public Builder withTestDependency(String jarNamePrefix) {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String jar = java.util.Arrays.stream(cp.split(java.io.File.pathSeparator))
                    .filter(e -> Path.of(e).getFileName().toString().startsWith(jarNamePrefix))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + jarNamePrefix + " jar on " + cp));
            extraClasspath.add(jar);
            return this;
        }

        public Builder args(String... a) {
            args.addAll(List.of(a));
            return this;
        }

        public TargetJvm start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaLauncher());
            cmd.add("-Xshare:auto");
            cmd.addAll(jvmArgs);
            if (agentArgs != null) {
                cmd.add("-javaagent:" + agentJar() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
            }
            if (mainClass == null) {
                cmd.addAll(List.of("-jar", agentJar().toString(), "demo"));
            } else {
                cmd.add("-cp");
                List<String> cp = new ArrayList<>(List.of(System.getProperty("memprof.testClasses")));
                cp.addAll(extraClasspath);
                cmd.add(String.join(java.io.File.pathSeparator, cp));
                cmd.add(mainClass.getName());
            }
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            return new TargetJvm(pb.start());
        }
    }
}
