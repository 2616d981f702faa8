package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.HelloTarget;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the agent does when it cannot have its way: the application always runs on, and we say why in one line. */
@Timeout(120)
class StartupProblemsTest {

    @Test
    void aBusyPortIsOneLogLineAndTheApplicationRunsToItsNormalEnd() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             TargetJvm target = TargetJvm.builder(HelloTarget.class).agent("port=" + busy.getLocalPort())
                     .args("4000").start()) { // the agent binds beside main: give it the time to try
            assertEquals(0, target.awaitExit(Duration.ofSeconds(60)), "exit status; stderr: " + target.stderr());
            assertEquals(List.of(HelloTarget.GREETING), target.stdout());
            // Sampling runs without the server; its one info line is the only other thing the agent says.
            List<String> err = target.stderr().stream()
                    .filter(l -> !l.startsWith("memprof: allocation sampling covers every class")).toList();
            assertEquals(1, err.size(), "one line on stderr: " + target.stderr());
            String line = err.get(0);
            assertTrue(line.startsWith("memprof: error: cannot listen on 127.0.0.1:" + busy.getLocalPort()), line);
            assertTrue(line.contains("the application continues"), line);
        }
    }

    @Test
    void badArgumentsWarnNamingEachKeyAndTheAgentStillServes() throws Exception {
        try (TargetJvm target = TargetJvm.builder(ParkedThreadsTarget.class)
                .agent("port=0,rate=abc,depth=-1,bogus=1").args("1").start()) {
            String base = target.awaitBase(Duration.ofSeconds(30));
            target.awaitStdout("ready", Duration.ofSeconds(30));
            List<String> err = target.stderr();
            assertWarning(err, "'rate' (abc)");
            assertWarning(err, "'depth' (-1)");
            assertWarning(err, "'bogus'");
            err.forEach(l -> assertTrue(l.startsWith("memprof: "), "a stderr line that is not ours: " + l));
            assertEquals(200, Http.get(base + "/goroutine?debug=1").status(), "served with the defaults");
        }
    }

    private static void assertWarning(List<String> err, String fragment) {
        assertEquals(1, err.stream().filter(l -> l.startsWith("memprof: warning: ") && l.contains(fragment)).count(),
                "one warning naming " + fragment + " in " + err);
    }
}
