package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without a writable temporary directory the JFR routes are off, with one log line, and the rest still works. */
@Timeout(60)
class JfrOffTest {

    /** A regular file as java.io.tmpdir: nothing can be created under it, not even by root. */
    @Test
    void unwritableTempDirTurnsJfrOffWithOneLine(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.createFile(dir.resolve("not-a-directory"));
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class).agent("port=0")
                .jvmArg("-Djava.io.tmpdir=" + notADirectory).start()) {
            String base = t.awaitBase(Duration.ofSeconds(30));
            t.awaitStdout("ready", Duration.ofSeconds(30));
            assertEquals(1, t.stderr().stream().filter(l -> l.contains("JFR features are off")).count(),
                    t.stderr().toString());
            assertEquals(404, Http.get(base + "/profile?seconds=1").status());
            assertEquals(404, Http.get(base + "/block").status());
            assertEquals(200, Http.get(base + "/goroutine").status());
        }
    }
}
