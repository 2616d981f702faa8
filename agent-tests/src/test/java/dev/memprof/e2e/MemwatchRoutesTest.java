package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.RetainingTarget;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /ah/ routes against a target that retains a known class. */
@Timeout(120)
class MemwatchRoutesTest {

    private static final String WIDGET = RetainingTarget.RetainedWidget.class.getName();
    private static TargetJvm target;
    private static String ah;

    @BeforeAll
    static void start() throws Exception {
        // a small sampling rate, so that the few widgets retained in a second are sampled often enough
        target = TargetJvm.builder(RetainingTarget.class).jvmArg("-Xmx256m").agent("port=0,rate=1024").start();
        ah = target.awaitBase(Duration.ofSeconds(30)).replace("/debug/pprof", "/ah");
        target.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static Map<String, Object> json(Http.Reply r) {
        assertEquals("application/json", r.header("Content-Type"), r.text());
        return JsonParser.parseObject(r.text());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @Test
    @SuppressWarnings("unchecked")
    void histogramDiffShowsTheRetainedClass() throws Exception {
        Http.Reply created = Http.send("POST", ah + "/memoryProfile?mode=histogram&id=hist-1", null);
        assertEquals(201, created.status(), created.text());
        assertEquals("hist-1", json(created).get("id"));
        assertTrue(json(created).get("note").toString().contains("full GC"));
        Thread.sleep(1500); // about 3750 widgets retained meanwhile
        Http.Reply ended = Http.send("POST", ah + "/memoryProfile/hist-1/end", null);
        assertEquals(200, ended.status(), ended.text());
        Map<String, Object> profile = json(ended);
        assertEquals("diff", profile.get("lastEvent"));
        Map<String, Object> diff = map(profile, "lastDiff");
        assertTrue(diff.get("timestamp").toString().endsWith("Z"));
        for (String side : List.of("before", "after")) {
            assertTrue(number(map(diff, side), "nodes") > 0);
            assertTrue(map(diff, side).get("size").toString().matches("-?[0-9.]+ (bytes|kb|mb|gb)"));
        }
        List<Map<String, Object>> details = (List<Map<String, Object>>) map(diff, "change").get("details");
        Map<String, Object> widget = details.stream().filter(d -> WIDGET.equals(d.get("what"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + WIDGET + " in " + details));
        long plus = number(widget, "+");
        assertTrue(plus >= 1500 && plus <= 15_000, "widgets retained in ~1.5 s at 2500 a second: " + plus);
        assertEquals(0, number(widget, "-"));
        long each = number(widget, "size_bytes") / plus;
        assertTrue(each >= 264 && each <= 280, "a widget is 272 bytes: " + each);

        assertEquals(ended.text(), Http.get(ah + "/memoryProfile/hist-1").text());
        // status shows the same diff (its lastEvent may already be "stats": the histogram's own GC is notified late)
        assertEquals(diff, json(Http.get(ah + "/memoryProfile/status")).get("lastDiff"));
        assertEquals(409, Http.send("POST", ah + "/memoryProfile/hist-1/end", null).status());
        List<Object> listed = (List<Object>) json(Http.get(ah + "/memory?details=true")).get("memoryProfiles");
        assertTrue(listed.stream().anyMatch(p -> "hist-1".equals(((Map<String, Object>) p).get("id"))));
        assertEquals("Deleted profile hist-1",
                json(Http.send("DELETE", ah + "/memoryProfile/hist-1", null)).get("message"));
        assertEquals(404, Http.get(ah + "/memoryProfile/hist-1").status());
    }

    @Test
    void statusHasGcStatistics() throws Exception {
        Map<String, Object> status = json(Http.get(ah + "/memoryProfile/status"));
        Map<String, Object> gc = map(status, "lastGC");
        for (String k : List.of("num_full_gc", "num_inc_gc", "heap_compactions", "estimated_base", "current_base",
                "min", "max", "usage_trend")) {
            assertTrue(gc.get(k) instanceof BigDecimal, k + " is a number: " + gc);
        }
        assertNull(status.get("lastLeak"));
    }

    @Test
    void listsIdsAndErrors() throws Exception {
        assertEquals(201, Http.send("POST", ah + "/memoryProfile?mode=histogram&id=listed", null).status());
        assertEquals(409, Http.send("POST", ah + "/memoryProfile?mode=histogram&id=listed", null).status());
        assertTrue(((List<?>) json(Http.get(ah + "/memory")).get("memoryProfiles")).contains("listed"));
        Map<String, Object> running = json(Http.get(ah + "/memoryProfile/listed"));
        assertNull(running.get("lastDiff"), "not ended yet");
        assertNotNull(running.get("lastGC"));
        Http.send("DELETE", ah + "/memoryProfile/listed", null);

        assertEquals(404, Http.get(ah + "/memoryProfile/unknown-id").status());
        assertEquals(404, Http.send("DELETE", ah + "/memoryProfile/unknown-id", null).status());
        assertEquals(404, Http.send("POST", ah + "/memoryProfile/unknown-id/end", null).status());
        Http.Reply bad = Http.get(ah + "/memoryProfile/bad%24id");
        assertEquals(400, bad.status());
        assertTrue(json(bad).get("error").toString().contains("[A-Za-z0-9._-]"));
        assertEquals(400, Http.get(ah + "/memoryProfile/" + "x".repeat(65)).status());
        assertEquals(400, Http.send("DELETE", ah + "/memoryProfile/a%20b", null).status());
        assertEquals(400, Http.send("POST", ah + "/memoryProfile?mode=nope", null).status());
        assertEquals(400, Http.get(ah + "/memory?details=maybe").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void sampledDiffShowsTheRetainedClassWithoutAGc() throws Exception {
        awaitSampledWidgets();
        Map<String, Object> gcBefore = map(json(Http.get(ah + "/memoryProfile/status")), "lastGC");
        Http.Reply created = Http.send("POST", ah + "/memoryProfile", null);
        assertEquals(201, created.status(), created.text());
        assertEquals("sampled", json(created).get("mode"));
        String id = (String) json(created).get("id");
        Thread.sleep(3000); // about 7500 widgets retained meanwhile
        Map<String, Object> diff = map(json(Http.send("POST", ah + "/memoryProfile/" + id + "/end", null)),
                "lastDiff");
        List<Map<String, Object>> details = (List<Map<String, Object>>) map(diff, "change").get("details");
        Map<String, Object> widget = details.stream().filter(d -> WIDGET.equals(d.get("what"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + WIDGET + " in " + details));
        long plus = number(widget, "+");
        assertTrue(plus >= 2500 && plus <= 20_000, "about 7500 widgets retained, unsampled estimate: " + plus);
        assertTrue(number(widget, "-") <= plus / 100, "retained widgets are not freed: " + widget);
        assertTrue(number(widget, "size_bytes") > 0);
        Map<String, Object> gcAfter = map(json(Http.get(ah + "/memoryProfile/status")), "lastGC");
        assertEquals(gcBefore.get("num_full_gc"), gcAfter.get("num_full_gc"), "the sampled mode forces no GC");
        Http.send("DELETE", ah + "/memoryProfile/" + id, null);
    }

    /** The sampler's first samples can take a few seconds after start-up on a loaded machine: wait for them. */
    private static void awaitSampledWidgets() throws Exception {
        String heap = ah.replace("/ah", "/debug/pprof") + "/heap?debug=1";
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Http.get(heap).text().contains(WIDGET)) {
            assertTrue(System.nanoTime() < deadline, "the sampler took no widget sample in 30 s");
            Thread.sleep(200);
        }
    }

    private static long number(Map<String, Object> m, String key) {
        return ((BigDecimal) m.get(key)).longValueExact();
    }
}
