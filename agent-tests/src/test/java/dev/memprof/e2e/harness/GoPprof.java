package dev.memprof.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real client, {@code go tool pprof}, on a URL or a file. A missing {@code go} is a test failure, not a
 * skip: CI installs golang-go, and so should a developer (see the README).
 */
public final class GoPprof {

    private GoPprof() {
    }

    /** Runs {@code go tool pprof <args...>} and returns stdout; fails on a non-zero exit. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(go(), "tool", "pprof"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path home = Files.createTempDirectory("memprof-gopprof");
        pb.environment().put("PPROF_TMPDIR", home.toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().putIfAbsent("GOCACHE", home.resolve("gocache").toString());
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("go tool pprof timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("go tool pprof failed (" + p.exitValue() + "): " + cmd + "\n" + err.join());
        }
        return out.join();
    }

    /** Saves bytes to a temp file and runs pprof on it (for profiles fetched with headers or saved captures). */
    public static String runOnBytes(byte[] profile, String... args) throws IOException, InterruptedException {
        Path f = Files.createTempFile("memprof-profile", ".pb.gz");
        try {
            Files.write(f, profile);
            String[] all = new String[args.length + 1];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = f.toString();
            return run(all);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static String go() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "go");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String p : List.of("/usr/lib/go/bin/go", "/usr/local/go/bin/go")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new AssertionError("`go` is not installed: install golang-go (apt-get install golang-go); "
                + "the end-to-end tests check our output with the real go tool pprof");
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
