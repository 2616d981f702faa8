package dev.memprof.http;

import dev.memprof.json.JsonParser;
import dev.memprof.memwatch.Census;
import dev.memprof.memwatch.CensusSource;
import dev.memprof.memwatch.GrowthTrend;
import dev.memprof.memwatch.MemWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /ah/ routes through the router, over MemWatch with scripted censuses. */
@Timeout(10)
class MemwatchRoutesTest {

    private final Deque<Census> censuses = new ArrayDeque<>();
    private final CensusSource scripted = censuses::removeFirst;
    private final Router router = new Router();

    MemwatchRoutesTest() {
        MemoryProfileHandlers.register(router, new MemWatch(scripted, scripted, 0, 0, GrowthTrend.DEFAULT_WINDOW));
    }

    private Response call(String method, String path, Map<String, List<String>> query) throws Exception {
        Request r = new Request(method, path, query, Map.of(), Map.of(), new byte[0], () -> false);
        Router.Match m = router.match(r);
        return m.response() != null ? m.response() : m.handler().handle(m.request());
    }

    private Response call(String method, String path) throws Exception {
        return call(method, path, Map.of());
    }

    private static Census census(long objects, long bytes, long allocated) {
        return new Census(Instant.now(), Map.of("com.example.Leaky", new Census.Counts(objects, bytes, allocated)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Response r) {
        assertEquals(Responses.JSON, r.headers().get("Content-Type"));
        return JsonParser.parseObject(new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProfileDiffsItsTwoCensuses() throws Exception {
        censuses.add(census(10, 1000, 50));
        censuses.add(census(30, 3000, 80));
        Response created = call("POST", "/ah/memoryProfile", Map.of("id", List.of("p1")));
        assertEquals(201, created.status());
        assertEquals("p1", json(created).get("id"));
        Response ended = call("POST", "/ah/memoryProfile/p1/end");
        assertEquals(200, ended.status());
        Map<String, Object> diff = (Map<String, Object>) json(ended).get("lastDiff");
        assertEquals(new BigDecimal(10), ((Map<String, Object>) diff.get("before")).get("nodes"));
        Map<String, Object> change = (Map<String, Object>) diff.get("change");
        assertEquals(new BigDecimal(2000), change.get("size_bytes"));
        assertEquals("1.95 kb", change.get("size"));
        Map<String, Object> detail = ((List<Map<String, Object>>) change.get("details")).get(0);
        assertEquals("com.example.Leaky", detail.get("what"));
        assertEquals(new BigDecimal(30), detail.get("+")); // 30 allocated in the window, 30 alive: all new
        assertEquals(new BigDecimal(10), detail.get("-"));
        assertEquals(409, call("POST", "/ah/memoryProfile/p1/end").status());
        assertEquals(List.of("p1"), json(call("GET", "/ah/memory")).get("memoryProfiles"));
        assertEquals("Deleted profile p1", json(call("DELETE", "/ah/memoryProfile/p1")).get("message"));
        assertEquals(404, call("GET", "/ah/memoryProfile/p1").status());
    }

    @Test
    void badAndUnknownIds() throws Exception {
        assertEquals(400, call("GET", "/ah/memoryProfile/" + "x".repeat(65)).status());
        assertEquals(400, call("GET", "/ah/memoryProfile/a$b").status());
        assertEquals(400, call("DELETE", "/ah/memoryProfile/a b").status());
        assertEquals(400, call("POST", "/ah/memoryProfile/%/end").status());
        assertEquals(404, call("GET", "/ah/memoryProfile/" + "x".repeat(64)).status());
        assertEquals(404, call("POST", "/ah/memoryProfile/nope/end").status());
        assertEquals(400, call("POST", "/ah/memoryProfile", Map.of("mode", List.of("heapdump"))).status());
        assertEquals(400, call("POST", "/ah/memoryProfile", Map.of("id", List.of("no/slash"))).status());
        assertTrue(json(call("GET", "/ah/memoryProfile/nope")).get("error").toString().contains("nope"));
    }

    @Test
    void keepsTheNewestHundred() throws Exception {
        for (int i = 0; i < 105; i++) {
            censuses.add(census(1, 1, 1));
            assertEquals(201, call("POST", "/ah/memoryProfile").status());
        }
        List<?> ids = (List<?>) json(call("GET", "/ah/memory")).get("memoryProfiles");
        assertEquals(100, ids.size());
        assertEquals("profile-6", ids.get(0));
        assertEquals(404, call("GET", "/ah/memoryProfile/profile-5").status());
    }

    @Test
    void statusHasEveryField() throws Exception {
        Map<String, Object> s = json(call("GET", "/ah/memoryProfile/status"));
        assertEquals(List.of("lastEvent", "lastGC", "growth", "lastLeak", "lastDiff"), List.copyOf(s.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> gc = (Map<String, Object>) s.get("lastGC");
        assertEquals(List.of("timestamp", "num_full_gc", "num_inc_gc", "heap_compactions", "estimated_base",
                "current_base", "min", "max", "usage_trend"), List.copyOf(gc.keySet()));
        assertEquals(Map.of("slope_bytes_per_minute", BigDecimal.ZERO, "slope", "0 bytes/min", "window_seconds",
                BigDecimal.valueOf(600), "samples", BigDecimal.ZERO, "verdict", "unknown"), s.get("growth"));
    }

    @Test
    void humanSizes() {
        assertEquals("512 bytes", MemwatchJson.humanSize(512));
        assertEquals("-2.07 kb", MemwatchJson.humanSize(-2120));
        assertEquals("1.78 mb", MemwatchJson.humanSize(1869904));
        assertEquals("2.00 gb", MemwatchJson.humanSize(2L << 30));
    }

    @Test
    void idRule() {
        assertTrue(Ids.valid("a.B-9_z"));
        assertTrue(!Ids.valid(""));
        assertTrue(!Ids.valid(null));
        assertTrue(!Ids.valid("caf\u00e9"));
    }
}
