package dev.memprof.e2e;

import dev.memprof.e2e.harness.GoPprof;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.harness.TestCertificate;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS from PEM files (checked with curl --cacert and go tool pprof https+insecure) and the non-loopback rule. */
@Timeout(120)
class TlsAndBindingTest {

    @Test
    void servesHttpsThatCurlAndGoToolPprofAccept(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.create(dir);
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "tls-test-token\n");
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class)
                .agent("port=0,tlsCert=" + cert.cert() + ",tlsKey=" + cert.key()).start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            assertTrue(base.startsWith("https://127.0.0.1:"), base);
            String index = curl("--cacert", cert.cert().toString(), base + "/");
            assertTrue(index.contains("Types of profiles available"), index);
            String plainAttempt = curl("-k", base.replace("https://", "http://") + "/");
            assertTrue(!plainAttempt.contains("Types of profiles available"), "plain HTTP is not served");
            String top = GoPprof.run("-top", base.replace("https://", "https+insecure://") + "/goroutine");
            assertTrue(top.contains("ParkedThreadsTarget.parkHere"), top);
        }
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class).agent("port=0,tokenFile=" + tokenFile
                + ",tlsCert=" + cert.cert() + ",tlsKey=" + cert.key()).start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            assertEquals("401", curl("--cacert", cert.cert().toString(), "-o", "/dev/null", "-w", "%{http_code}",
                    base + "/goroutine"));
            assertEquals("200", curl("--cacert", cert.cert().toString(), "-o", "/dev/null", "-w", "%{http_code}",
                    "-H", "Authorization: Bearer tls-test-token", base + "/goroutine"));
        }
    }

    @Test
    void nonLoopbackHostWithoutTokenIsRefused() throws Exception {
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class).agent("port=0,host=0.0.0.0").start()) {
            t.awaitStdout("ready", Duration.ofSeconds(30));
            String refusal = t.awaitStderr("refusing to serve on non-loopback host 0.0.0.0", Duration.ofSeconds(30));
            assertTrue(refusal.startsWith("memprof: error: "), refusal);
            Thread.sleep(2000);
            assertTrue(t.stderr().stream().noneMatch(l -> l.contains("listening on")), "no server started");
        }
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class).agent("port=0,host=0.0.0.0,insecure=true")
                .start()) {
            assertTrue(t.awaitUrl(Duration.ofSeconds(60)).startsWith("http://0.0.0.0:"));
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
