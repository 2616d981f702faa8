package dev.memprof.e2e;

import dev.memprof.e2e.harness.Cli;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code list} and the errors of {@code attach}, against targets started once for the class. */
@Timeout(120)
class CliTest {

    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private static TargetJvm withAgent;
    private static TargetJvm attachDisabled;
    private static TargetJvm dynamicLoadingOff;

    @BeforeAll
    static void start() throws Exception {
        withAgent = TargetJvm.builder(ParkedThreadsTarget.class).agent("port=0").args("1").start();
        attachDisabled = TargetJvm.builder(ParkedThreadsTarget.class).jvmArg("-XX:+DisableAttachMechanism")
                .args("1").start();
        dynamicLoadingOff = TargetJvm.builder(ParkedThreadsTarget.class).jvmArg("-XX:-EnableDynamicAgentLoading")
                .args("1").start();
        for (TargetJvm t : List.of(withAgent, attachDisabled, dynamicLoadingOff)) {
            t.awaitStdout("ready", Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        for (TargetJvm t : new TargetJvm[]{withAgent, attachDisabled, dynamicLoadingOff}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Test
    void listShowsTheTargetWithItsUrl() throws Exception {
        String url = withAgent.awaitUrl(Duration.ofSeconds(30));
        Cli.Result r = Cli.run(CLI_TIMEOUT, "list");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().startsWith("PID"), r.stdout());
        String line = r.stdout().lines().filter(l -> l.startsWith(withAgent.pid() + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + withAgent.pid() + " not listed:\n" + r.stdout()));
        assertTrue(line.contains(ParkedThreadsTarget.class.getName()), line);
        assertTrue(line.trim().endsWith(url), line);
        String plain = r.stdout().lines().filter(l -> l.startsWith(dynamicLoadingOff.pid() + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + dynamicLoadingOff.pid() + " not listed:\n" + r.stdout()));
        assertTrue(plain.trim().endsWith(" -"), "a JVM without the agent shows '-': " + plain);
    }

    @Test
    void attachToAMissingPidIsOneClearLine() throws Exception {
        long missing = Integer.MAX_VALUE; // above pid_max on Linux
        Cli.Result r = Cli.run(CLI_TIMEOUT, "attach", String.valueOf(missing), "port=0");
        assertNotEquals(0, r.exit());
        assertEquals("", r.stdout());
        assertEquals(List.of("memprof: no process with pid " + missing), r.stderr().lines().toList());
    }

    @Test
    void attachWithABadPidIsAUsageError() throws Exception {
        Cli.Result r = Cli.run(CLI_TIMEOUT, "attach", "12ab");
        assertEquals(2, r.exit());
        assertEquals(List.of("memprof: '12ab' is not a process id"), r.stderr().lines().toList());
    }

    @Test
    void attachToAJvmWithAttachDisabledSaysSo() throws Exception {
        Cli.Result r = Cli.run(CLI_TIMEOUT, "attach", String.valueOf(attachDisabled.pid()), "port=0");
        assertNotEquals(0, r.exit());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("memprof: cannot attach to " + attachDisabled.pid()), r.stderr());
        assertTrue(r.stderr().contains("DisableAttachMechanism"), r.stderr());
        assertTrue(attachDisabled.process().isAlive());
    }

    @Test
    void attachToAJvmWithoutDynamicAgentLoadingNamesTheFlag() throws Exception {
        Cli.Result r = Cli.run(CLI_TIMEOUT, "attach", String.valueOf(dynamicLoadingOff.pid()), "port=0");
        assertNotEquals(0, r.exit());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("memprof: "), r.stderr());
        assertTrue(r.stderr().contains("-XX:+EnableDynamicAgentLoading"), r.stderr());
        assertTrue(dynamicLoadingOff.process().isAlive());
        assertTrue(dynamicLoadingOff.stderr().stream().noneMatch(l -> l.contains("listening on")));
    }
}
