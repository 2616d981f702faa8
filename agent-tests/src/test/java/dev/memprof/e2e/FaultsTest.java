package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.HelloTarget;
import dev.memprof.e2e.targets.HugeMethodTarget;
import dev.memprof.e2e.targets.OutOfMemoryTarget;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host survives what goes wrong around the agent, and the agent leaves nothing behind. */
@Timeout(120)
class FaultsTest {

    @Test
    void aClassTooLargeToRewriteIsLeftUntouchedAndRuns() throws Exception {
        try (TargetJvm t = TargetJvm.builder(HugeMethodTarget.class).withTestDependency("byte-buddy-")
                .agent("port=0,log=debug").start()) {
            assertEquals(0, t.awaitExit(Duration.ofSeconds(60)), String.join("\n", t.stderr()));
            assertTrue(t.stdout().contains("huge method ran: 15000"), t.stdout().toString());
            assertTrue(t.stderr().stream().anyMatch(l -> l.startsWith("memprof: debug: allocation sites: left "
                    + "generated/Huge untouched")), "logged at debug:\n" + String.join("\n", t.stderr()));
        }
    }

    @Test
    void outOfMemoryFailsTheSameWayWithAndWithoutTheAgent() throws Exception {
        Run without = runOutOfMemory(null);
        Run with = runOutOfMemory("port=0");
        assertEquals(1, without.exit);
        assertEquals(without.exit, with.exit, "same exit status");
        assertTrue(with.stderr.stream().anyMatch(l -> l.contains("java.lang.OutOfMemoryError: Java heap space")),
                "the application's own OutOfMemoryError: " + with.stderr);
        assertTrue(with.stderr.stream().noneMatch(l -> l.contains("dev.memprof.") && !l.contains("dev.memprof.e2e.")
                || l.startsWith("memprof:")), "no agent frames or agent lines: " + with.stderr);
    }

    private record Run(int exit, List<String> stderr) {
    }

    private static Run runOutOfMemory(String agentArgs) throws Exception {
        TargetJvm.Builder b = TargetJvm.builder(OutOfMemoryTarget.class).jvmArg("-Xmx96m");
        if (agentArgs != null) {
            b.agent(agentArgs);
        }
        try (TargetJvm t = b.start()) {
            int exit = t.awaitExit(Duration.ofSeconds(90));
            return new Run(exit, t.stderr().stream().filter(l -> !l.startsWith("memprof: listening")).toList());
        }
    }

    @Test
    void agentThreadsAreDaemonsAndExitLeavesNoTemporaryFiles(@TempDir Path tmp) throws Exception {
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class).jvmArg("-Djava.io.tmpdir=" + tmp)
                .agent("port=0").start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            String dump = Http.get(base + "/goroutine?debug=2").text();
            Matcher m = Pattern.compile("(?m)^\"(memprof-[^\"]*)\" #\\d+( daemon)?").matcher(dump);
            int agentThreads = 0;
            while (m.find()) {
                agentThreads++;
                assertTrue(m.group(2) != null, m.group(1) + " is not a daemon");
            }
            assertTrue(agentThreads >= 3, "agent threads seen: " + agentThreads);
        }
        try (TargetJvm t = TargetJvm.builder(HelloTarget.class).jvmArg("-Djava.io.tmpdir=" + tmp).agent("port=0")
                .start()) {
            assertEquals(0, t.awaitExit(Duration.ofSeconds(60)), "the JVM exits when main ends");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            List<Path> files = left.toList();
            assertTrue(files.isEmpty(), "temporary files left behind: " + files);
        }
    }
}
