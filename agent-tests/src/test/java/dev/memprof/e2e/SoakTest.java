package dev.memprof.e2e;

import dev.memprof.e2e.harness.ClassHistogram;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, "soak" (opt-in: {@code -Dmemprof.soak=true}; not part of the default run). The bundled demo runs under
 * the agent for {@code -Dmemprof.soakSeconds} (600) while one client scrapes a route every second, in rotation
 * through every read-only route family. Once a minute {@code jcmd GC.class_histogram} (a full GC first) measures
 * the live heap, and within it the agent's own objects: instances of {@code dev.memprof.*} classes, the shaded
 * Netty, protobuf and ByteBuddy included, the demo's own classes left out. Those are shallow bytes (an object's
 * fields, not the arrays and strings it points to), so the total live heap is held to the same bound: the demo's
 * live set is a bounded cache, so what grows there over the run is the agent's.
 * <p>
 * Asserted: every scrape answered 200; the agent's leak detector raised nothing ({@code lastLeak} null, no
 * {@code leak-N} profile); at the end, the agent's objects and the total live heap are within 10% of their minute-1
 * figures; the thread count has not grown by more than the worker pool's size.
 */
@EnabledIfSystemProperty(named = "memprof.soak", matches = "true")
@Timeout(value = 2, unit = TimeUnit.HOURS)
class SoakTest {

    private static final int SECONDS = Integer.getInteger("memprof.soakSeconds", 600);
    private static final double MAX_GROWTH = 0.10;
    private static final List<String> AGENT = List.of("dev.memprof.", "[Ldev.memprof.");
    private static final List<String> DEMO = List.of("dev.memprof.demo.", "[Ldev.memprof.demo.");
    private static final List<String> ROUTES = List.of("/debug/pprof/heap", "/debug/pprof/allocs",
            "/debug/pprof/goroutine", "/metrics", "/ah/memoryProfile/status", "/debug/pprof/threadcreate",
            "/debug/pprof/", "/debug/pprof/goroutine?debug=1", "/debug/pprof/heap?debug=1", "/debug/pprof/block",
            "/debug/pprof/mutex", "/ah/memory", "/api/v1/profiling/sessions", "/debug/pprof/cmdline");

    private static final Pattern GOROUTINE_COUNT = Pattern.compile("<td>(\\d+)</td><td><a href='goroutine\\?");

    /** One minute's figures. */
    private record Reading(int second, ClassHistogram histogram, long liveBytes, long agentBytes,
                           long agentInstances, int threads) {
        @Override
        public String toString() {
            return String.format("t=%4d s: live heap %6.2f MiB, agent objects %6.2f MiB in %,d instances, %d threads",
                    second, liveBytes / 1048576.0, agentBytes / 1048576.0, agentInstances, threads);
        }
    }

    @Test
    void theDemoUnderTheAgentScrapedEverySecondKeepsTheAgentsHeapFlat() throws Exception {
        try (TargetJvm t = TargetJvm.demo().agent("port=0").start()) {
            String root = t.awaitBase(Duration.ofSeconds(60)).replace("/debug/pprof", "");
            t.awaitStdout("memprof demo is running", Duration.ofSeconds(60));
            int firstReading = Math.min(60, SECONDS / 2);
            List<Reading> readings = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int scrapes = 0;
            long start = System.nanoTime();
            for (int second = 1; second <= SECONDS; second++) {
                sleepUntil(start + TimeUnit.SECONDS.toNanos(second));
                String route = ROUTES.get(second % ROUTES.size());
                Http.Reply r = Http.get(root + route, Duration.ofSeconds(30));
                scrapes++;
                if (r.status() != 200) {
                    failures.add("t=" + second + " " + route + ": " + r.status() + " " + r.text().strip());
                }
                if (second == firstReading || second % 60 == 0 || second == SECONDS) {
                    Reading reading = read(t, root, second);
                    readings.add(reading);
                    System.out.println("soak " + reading);
                }
            }
            Map<String, Object> status = JsonParser.parseObject(Http.get(root + "/ah/memoryProfile/status").text());
            Map<String, Object> memory = JsonParser.parseObject(Http.get(root + "/ah/memory").text());
            Reading first = readings.stream().filter(x -> x.second == firstReading).findFirst().orElseThrow();
            Reading last = readings.get(readings.size() - 1);
            System.out.printf("soak: %d s, %d scrapes, %d failed; leak watch: lastEvent %s, lastLeak %s, "
                            + "lastGC %s; profiles %s%n", SECONDS, scrapes, failures.size(), status.get("lastEvent"),
                    status.get("lastLeak"), status.get("lastGC"), memory.get("memoryProfiles"));
            System.out.printf("soak: from t=%d s to the end: live heap %+.1f%%, agent objects %+.1f%% (%+,d bytes), "
                            + "threads %d -> %d%n", first.second, growth(first.liveBytes, last.liveBytes),
                    growth(first.agentBytes, last.agentBytes), last.agentBytes - first.agentBytes, first.threads,
                    last.threads);

            last.histogram.largestGrowth(first.histogram, AGENT, 10).forEach(g -> System.out.println("soak: grew " + g));

            assertEquals(List.of(), failures, "every scrape answered 200");
            assertTrue(status.containsKey("lastLeak"), "status: " + status);
            assertNull(status.get("lastLeak"), "the leak detector raised: " + status);
            assertTrue(((List<?>) memory.get("memoryProfiles")).stream().noneMatch(id -> id.toString()
                    .startsWith("leak-")), "leak profiles: " + memory);
            assertTrue(growth(first.agentBytes, last.agentBytes) <= 100 * MAX_GROWTH,
                    "agent objects grew from " + first + " to " + last);
            assertTrue(growth(first.liveBytes, last.liveBytes) <= 100 * MAX_GROWTH,
                    "live heap grew from " + first + " to " + last);
            assertTrue(last.threads <= first.threads + 10, "threads grew from " + first + " to " + last);
        }
    }

    private static Reading read(TargetJvm t, String root, int second) throws Exception {
        // heap?gc=1 collects and waits until the sampler has let go of the sampled objects that died, so the
        // histogram's own GC finds few weak references still waiting for the reaper (they are the agent's too).
        assertEquals(200, Http.get(root + "/debug/pprof/heap?gc=1").status());
        ClassHistogram h = ClassHistogram.of(t.pid());
        String index = Http.get(root + "/debug/pprof/").text();
        Matcher m = GOROUTINE_COUNT.matcher(index);
        assertTrue(m.find(), "goroutine count on the index");
        return new Reading(second, h, h.totalBytes(), h.bytesOf(AGENT, DEMO), h.instancesOf(AGENT, DEMO),
                Integer.parseInt(m.group(1)));
    }

    private static double growth(long from, long to) {
        return 100.0 * (to - from) / from;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
