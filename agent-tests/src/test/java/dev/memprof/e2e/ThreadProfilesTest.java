package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.GoPprof;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** goroutine and threadcreate against a target started with -javaagent. */
@Timeout(120)
class ThreadProfilesTest {

    private static final String PARKED = "dev.memprof.e2e.targets.ParkedThreadsTarget.parkHere";
    private static final String STARTER = "dev.memprof.e2e.targets.ParkedThreadsTarget.startWorkers";
    private static final String LATE = "dev.memprof.e2e.targets.ParkedThreadsTarget.sleepLate";
    private static final String LATE_STARTER = "dev.memprof.e2e.targets.ParkedThreadsTarget.startLateWorkers";

    private static TargetJvm target;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        target = TargetJvm.builder(ParkedThreadsTarget.class).agent("port=0").args("4").start();
        base = target.awaitBase(Duration.ofSeconds(30));
        target.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void goroutineProfileShowsTheParkedThreadOnce() throws Exception {
        Http.Reply r = Http.get(base + "/goroutine");
        assertEquals(200, r.status());
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertEquals("attachment; filename=\"goroutine\"", r.header("Content-Disposition"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        DecodedProfile p = DecodedProfile.parse(r.body());
        assertEquals(List.of("goroutine/count"), p.sampleTypes());
        assertEquals(1, p.cumulative(PARKED, "goroutine/count"));
        DecodedProfile.Sample parked = p.samples().stream().filter(s -> s.hasFunction(PARKED)).findFirst()
                .orElseThrow();
        assertEquals("parked-in-known-method", parked.labels().get("thread"));
        assertEquals("WAITING", parked.labels().get("state"));
        DecodedProfile.Frame frame = parked.frames().stream().filter(f -> f.function().equals(PARKED))
                .findFirst().orElseThrow();
        assertEquals("dev/memprof/e2e/targets/ParkedThreadsTarget.java", frame.file());
        assertTrue(frame.line() > 0, "line number present");
    }

    @Test
    void threadcreateShowsTheStarterOfEachLiveThread() throws Exception {
        DecodedProfile p = DecodedProfile.parse(Http.get(base + "/threadcreate").body());
        assertEquals(List.of("threadcreate/count"), p.sampleTypes());
        assertEquals(4, p.cumulative(STARTER, "threadcreate/count"));
        assertTrue(p.samples().stream().filter(s -> s.hasFunction(STARTER))
                .allMatch(s -> s.leaf().equals("java.lang.Thread.start")), "leaf is Thread.start");
    }

    @Test
    void goToolPprofReadsTheGoroutineProfile() throws Exception {
        String raw = GoPprof.run("-raw", base + "/goroutine");
        assertTrue(raw.contains("PeriodType: goroutine count"), raw);
        assertTrue(raw.contains(PARKED), raw);
        String top = GoPprof.run("-top", "-lines", base + "/threadcreate");
        assertTrue(top.contains(STARTER + " dev/memprof/e2e/targets/ParkedThreadsTarget.java:"), top);
    }

    /** Go's goroutine?seconds=N and threadcreate?seconds=N: the change over the window, per stack. */
    @Test
    void secondsGivesTheChangeInThreadsOverTheWindow() throws Exception {
        var goroutines = CompletableFuture.supplyAsync(() -> fetch("/goroutine?seconds=3"));
        var creations = CompletableFuture.supplyAsync(() -> fetch("/threadcreate?seconds=3"));
        Thread.sleep(1000);
        target.command("late 2", Duration.ofSeconds(10));
        Http.Reply g = goroutines.get(30, TimeUnit.SECONDS);
        assertEquals("attachment; filename=\"goroutine-delta\"", g.headers().firstValue("Content-Disposition")
                .orElse(null));
        DecodedProfile gd = DecodedProfile.parse(g.body());
        assertEquals(List.of("goroutine/count"), gd.sampleTypes());
        assertTrue(Math.abs(gd.raw().getDurationNanos() - 3e9) < 0.5e9, "window " + gd.raw().getDurationNanos());
        assertEquals(2, gd.cumulative(LATE, "goroutine/count"), "two threads started in the window");
        assertEquals(0, gd.cumulative(PARKED, "goroutine/count"), "an unchanged stack is left out");
        DecodedProfile td = DecodedProfile.parse(creations.get(30, TimeUnit.SECONDS).body());
        assertEquals(2, td.cumulative(LATE_STARTER, "threadcreate/count"));
        assertEquals(0, td.cumulative(STARTER, "threadcreate/count"));
    }

    private static Http.Reply fetch(String path) {
        try {
            return Http.get(base + path, Duration.ofSeconds(30));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
