package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ServiceTarget;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leak versus no leak on a service-like heap (short-lived garbage plus a ~100 MiB cache replaced at random),
 * 1 GiB heap, on G1 and Parallel. The four target JVMs run at once, so the scenario costs about 3.5 minutes:
 * the leaking ones must report a leak within 90 s, the others none in 3 minutes. Nothing forces a GC.
 *
 * <p>The targets run as a user runs them, with the sampler at its default rate: it costs them about a quarter more CPU
 * (measured 1.29 against 1.60 CPU-seconds per 20 s with rate=0 and the default, on G1). A leak's stored profile
 * then diffs the sampled live heap between the first and the last base measurement of the run.
 */
@Timeout(300)
class LeakScenarioTest {

    private static final long LEAK_DEADLINE_MS = 90_000;
    private static final long QUIET_MS = 180_000;

    private record Scenario(String gc, boolean leaks, TargetJvm jvm, String ah, long startNanos, long[] leakAtMs) {
        String name() {
            return gc + (leaks ? " leaking" : " not leaking");
        }
    }

    @Test
    void leakWithinNinetySecondsAndNoFalseAlarmInThreeMinutes() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        try {
            for (String gc : List.of("G1", "Parallel")) {
                for (boolean leaks : List.of(true, false)) {
                    TargetJvm jvm = TargetJvm.builder(ServiceTarget.class)
                            .jvmArg("-Xms1g").jvmArg("-Xmx1g").jvmArg("-XX:+Use" + gc + "GC")
                            .agent("port=0").args(leaks ? "leak" : "steady").start();
                    scenarios.add(new Scenario(gc, leaks, jvm, null, 0, new long[]{-1}));
                }
            }
            List<Scenario> running = new ArrayList<>();
            for (Scenario s : scenarios) {
                String ah = s.jvm().awaitBase(Duration.ofSeconds(60)).replace("/debug/pprof", "/ah");
                s.jvm().awaitStdout("ready", Duration.ofSeconds(60));
                running.add(new Scenario(s.gc(), s.leaks(), s.jvm(), ah, System.nanoTime(), s.leakAtMs()));
            }
            long end = System.nanoTime() + QUIET_MS * 1_000_000;
            while (System.nanoTime() < end) {
                for (Scenario s : running) {
                    if (s.leakAtMs()[0] < 0 && json(Http.get(s.ah() + "/memoryProfile/status")).get("lastLeak")
                            != null) {
                        s.leakAtMs()[0] = (System.nanoTime() - s.startNanos()) / 1_000_000;
                    }
                }
                if (running.stream().filter(s -> !s.leaks()).anyMatch(s -> s.leakAtMs()[0] >= 0)) {
                    break; // a false alarm: fail now
                }
                Thread.sleep(2000);
            }
            StringBuilder report = new StringBuilder();
            for (Scenario s : running) {
                Map<String, Object> status = json(Http.get(s.ah() + "/memoryProfile/status"));
                report.append(s.name()).append(" on JDK ").append(TargetJvm.javaFeatureVersion())
                        .append(": leak at ").append(s.leakAtMs()[0]).append(" ms; ").append(status.get("lastGC"))
                        .append("; ").append(status.get("lastLeak")).append('\n');
            }
            System.out.print(report);
            for (Scenario s : running) {
                if (s.leaks()) {
                    assertTrue(s.leakAtMs()[0] >= 0 && s.leakAtMs()[0] <= LEAK_DEADLINE_MS + 2000,
                            s.name() + ": no leak within 90 s\n" + report);
                    assertLeakProfileStored(s);
                } else {
                    assertEquals(-1, s.leakAtMs()[0], s.name() + ": false alarm\n" + report);
                    Map<String, Object> gc = map(json(Http.get(s.ah() + "/memoryProfile/status")), "lastGC");
                    assertTrue(number(gc, "current_base") > 90L << 20, s.name() + ": the cache is in the base " + gc);
                }
            }
        } finally {
            scenarios.forEach(s -> s.jvm().close());
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertLeakProfileStored(Scenario s) throws Exception {
        List<Object> ids = (List<Object>) json(Http.get(s.ah() + "/memory")).get("memoryProfiles");
        assertTrue(ids.contains("leak-1"), s.name() + ": leak profile stored: " + ids);
        Map<String, Object> profile = json(Http.get(s.ah() + "/memoryProfile/leak-1"));
        assertEquals("leak", profile.get("lastEvent"));
        Map<String, Object> leak = map(profile, "lastLeak");
        assertTrue(number(leak, "growth") > 10L << 20, s.name() + ": growth " + leak);
        assertTrue(leak.get("reason").toString().startsWith("heap growth over 5 consecutive GCs"), leak.toString());
        Map<String, Object> change = map(map(profile, "lastDiff"), "change");
        List<Map<String, Object>> details = (List<Map<String, Object>>) change.get("details");
        Map<String, Object> leaked = details.stream().filter(d -> d.get("what").equals("long[]")).findFirst()
                .orElseThrow(() -> new AssertionError(s.name() + ": long[] is not in the diff " + details));
        // The known truth: the target retains LEAK_BYTES_PER_SECOND of long[] for as long as the run lasted. Each
        // 256 KiB array is sampled with probability p = 1 - exp(-size/rate), so over n arrays the estimate has a
        // relative standard error of sqrt((1 - p) / (n p)): 18% for a 5 s run (G1 on a fast machine), 8% for 25 s.
        // The tolerance is 4 of those, plus 10% for the census times lagging the measurement times.
        double seconds = Duration.between(Instant.parse(leak.get("start").toString()),
                Instant.parse(leak.get("end").toString())).toMillis() / 1000.0;
        double arrays = seconds * ServiceTarget.LEAK_BYTES_PER_SECOND / (256 * 1024);
        double p = 1 - Math.exp(-(256 * 1024 + 16) / 524288.0);
        double tolerance = 4 * Math.sqrt((1 - p) / (arrays * p)) + 0.1;
        double ratio = number(leaked, "size_bytes") / (seconds * ServiceTarget.LEAK_BYTES_PER_SECOND);
        assertTrue(Math.abs(ratio - 1) <= tolerance, s.name() + ": sampled long[] growth against the known "
                + ServiceTarget.LEAK_BYTES_PER_SECOND + " B/s over " + seconds + " s: " + ratio + " (tolerance "
                + tolerance + ") " + leaked);
        assertTrue(number(leaked, "+") > 0, leaked.toString());
        System.out.println(s.name() + ": the leak profile's long[] growth is " + ratio + " of the known truth over "
                + seconds + " s (tolerance " + tolerance + ")");
    }

    private static Map<String, Object> json(Http.Reply r) {
        assertEquals(200, r.status(), r.text());
        return JsonParser.parseObject(r.text());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long number(Map<String, Object> m, String key) {
        return ((BigDecimal) m.get(key)).longValueExact();
    }
}
