package dev.memprof.e2e;

import dev.memprof.e2e.harness.Cli;
import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ControlledTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent loaded by {@code memprof.jar attach} into a JVM that was started without it. */
@Timeout(120)
class AttachTest {

    private static final String HOLDER = "dev.memprof.e2e.targets.ControlledTarget.holdMonitor";
    private static final String STARTER = "dev.memprof.e2e.targets.ControlledTarget.startWorkers";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private static TargetJvm target;
    private static Cli.Result firstAttach;

    @BeforeAll
    static void startAndAttach() throws Exception {
        target = TargetJvm.builder(ControlledTarget.class).jvmArg("-XX:+EnableDynamicAgentLoading").start();
        target.awaitStdout("ready", Duration.ofSeconds(30));
        firstAttach = Cli.run(CLI_TIMEOUT, "attach", String.valueOf(target.pid()), "port=0");
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void attachPrintsTheUrlTheAgentServesOn() throws Exception {
        assertEquals(0, firstAttach.exit(), firstAttach.stderr());
        String url = firstAttach.stdout().trim();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/debug/pprof/"), url);
        assertEquals(target.awaitUrl(Duration.ofSeconds(10)), url, "the URL the target logged");

        Http.Reply index = Http.get(url);
        assertEquals(200, index.status());
        assertTrue(index.text().contains("<a href='goroutine?debug=1'>goroutine</a>"), index.text());

        DecodedProfile goroutine = DecodedProfile.parse(Http.get(url + "goroutine").body());
        assertEquals(1, goroutine.cumulative(HOLDER, "goroutine/count"), "the thread that holds the monitor");
    }

    @Test
    void aSecondAttachAnswersWithTheSameUrlAndChangesNothing() throws Exception {
        String url = firstAttach.stdout().trim();
        target.send("start 3");
        target.awaitStdout("started 3", Duration.ofSeconds(20));
        assertEquals(3, threadsStartedByStarter(url), "threads started after the attach are recorded");

        Cli.Result second = Cli.run(CLI_TIMEOUT, "attach", String.valueOf(target.pid()), "port=0");
        assertEquals(0, second.exit(), second.stderr());
        assertEquals(url, second.stdout().trim(), "the existing agent's URL");
        target.awaitStderr("already running", Duration.ofSeconds(10));

        target.send("start 2");
        target.awaitStdout("started 2", Duration.ofSeconds(20));
        assertEquals(5, threadsStartedByStarter(url), "one hook, one recorder: each start counted once");
        List<String> listening = target.stderr().stream().filter(l -> l.contains("listening on")).toList();
        assertEquals(1, listening.size(), "one server: " + target.stderr());
        target.stderr().forEach(l -> assertTrue(l.startsWith("memprof:"), "stderr line not ours: " + l));
    }

    private static long threadsStartedByStarter(String url) throws Exception {
        DecodedProfile p = DecodedProfile.parse(Http.get(url + "threadcreate").body());
        p.samples().stream().filter(s -> s.hasFunction(STARTER)).forEach(s -> {
            assertEquals("java.lang.Thread.start", s.leaf());
            assertEquals(1, s.frames().stream().filter(f -> f.function().equals(STARTER)).count(),
                    "the starter appears once per stack");
        });
        return p.cumulative(STARTER, "threadcreate/count");
    }
}
