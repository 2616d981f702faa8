package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.RetainingTarget;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/v1/profiling/ against a target started with -javaagent and a token. */
@Timeout(120)
class SessionsTest {

    private static final String TOKEN = "s3cret-token";
    private static final long GIB = 1L << 30;

    private static TargetJvm target;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        // Our own count (Thread.exit hook plus live threads), not the JVM's total: this JDK 17 and 25 both have the
        // JVM's, so only this way does the test exercise the path older JDK 17 builds depend on.
        target = TargetJvm.builder(RetainingTarget.class).jvmArg("-Xmx256m").jvmArg("-Dmemprof.ownAllocationCount=true")
                .agent("port=0,token=" + TOKEN).start();
        String base = target.awaitBase(Duration.ofSeconds(30));
        api = base.replace("/debug/pprof", "/api/v1/profiling");
        target.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static Http.Reply call(String method, String path, String body) throws Exception {
        return Http.send(method, api + path, body, "Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, Object> json(Http.Reply r) {
        assertEquals("application/json", r.header("Content-Type"), r.text());
        return JsonParser.parseObject(r.text());
    }

    private static String create(String body) throws Exception {
        Http.Reply r = call("POST", "/sessions", body);
        assertEquals(201, r.status(), r.text());
        return (String) json(r).get("sessionId");
    }

    @Test
    void sessionLifecycle() throws Exception {
        String id = create("{\"durationSeconds\": 30, \"label\": \"checkout\"}");
        assertTrue(id.matches("sess-[0-9a-f]{12}"), id);
        Map<String, Object> one = json(call("GET", "/sessions/" + id, null));
        assertEquals("checkout", one.get("label"));
        assertEquals("running", one.get("state"));
        assertEquals(new BigDecimal(30), one.get("durationSeconds"));
        assertTrue(one.get("startTime").toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        List<?> all = (List<?>) json(call("GET", "/sessions", null)).get("sessions");
        assertTrue(all.stream().anyMatch(s -> id.equals(((Map<?, ?>) s).get("sessionId"))));
        Http.Reply profile = call("GET", "/heap/" + id + "/profile", null);
        assertEquals(200, profile.status());
        DecodedProfile p = DecodedProfile.parse(profile.body());
        assertEquals(List.of("alloc_objects/count", "alloc_space/bytes"), p.sampleTypes());
        assertEquals("Deleted session " + id, json(call("DELETE", "/sessions/" + id, null)).get("message"));
        assertEquals(404, call("GET", "/sessions/" + id, null).status());
        assertEquals(404, call("DELETE", "/sessions/" + id, null).status());
    }

    @Test
    void shortSessionFinishesOnItsOwn() throws Exception {
        String id = create("{\"durationSeconds\": 1}");
        Thread.sleep(1500);
        assertEquals("finished", json(call("GET", "/sessions/" + id, null)).get("state"));
        assertEquals(200, call("GET", "/heap/" + id + "/summary", null).status());
    }

    @Test
    void errors() throws Exception {
        for (String bad : new String[]{"{", "{\"durationSeconds\": \"5\"}", "{\"durationSeconds\": 0}",
                "{\"durationSeconds\": 1.5}", "{\"other\": 1}", "[1]", "{\"label\": 3}"}) {
            Http.Reply r = call("POST", "/sessions", bad);
            assertEquals(400, r.status(), bad);
            assertTrue(json(r).get("error").toString().startsWith("bad request body: "), r.text());
        }
        assertEquals(404, call("GET", "/heap/sess-000000000000/summary", null).status());
        assertEquals(404, call("GET", "/heap/sess-000000000000/profile", null).status());
        assertTrue(json(call("GET", "/sessions/sess-000000000000", null)).get("error").toString()
                .contains("sess-000000000000"));
        assertEquals(400, call("GET", "/sessions/bad$id", null).status());
        assertEquals(400, call("GET", "/heap/" + "a".repeat(65) + "/summary", null).status());
        assertEquals(401, Http.send("GET", api + "/sessions", null).status());
        assertEquals(401, Http.send("POST", api + "/sessions", "{}").status());
        assertEquals(405, call("PUT", "/sessions", "{}").status());
    }

    @Test
    void atMost64LiveSessions() throws Exception {
        List<String> ids = new ArrayList<>();
        try {
            Http.Reply r;
            while ((r = call("POST", "/sessions", "{\"durationSeconds\": 60}")).status() == 201) {
                ids.add((String) json(r).get("sessionId"));
                assertTrue(ids.size() <= 64, "more than 64 live sessions");
            }
            assertEquals(429, r.status());
            assertTrue(json(r).get("error").toString().contains("at most 64"), r.text());
            assertTrue(ids.size() >= 60, "others may hold a few: " + ids.size()); // tests in this class share it
        } finally {
            for (String id : ids) {
                call("DELETE", "/sessions/" + id, null);
            }
        }
        String again = create("{}");
        call("DELETE", "/sessions/" + again, null);
    }

    @Test
    void totalAllocBytesCountsAGibAllocatedByAThreadThatEnded() throws Exception {
        String id = create("{\"durationSeconds\": 60}");
        Map<String, Object> before = json(call("GET", "/heap/" + id + "/summary", null));
        assertEquals(List.of("sessionId", "totalAllocBytes", "heapInuseBytes", "gcCount", "nextGcTargetBytes",
                "topAllocFunctions"), List.copyOf(before.keySet()));
        OutputStream stdin = target.process().getOutputStream();
        stdin.write("alloc 1\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        target.awaitStdout("allocated 1", Duration.ofSeconds(60));
        Map<String, Object> after = json(call("GET", "/heap/" + id + "/summary", null));
        long delta = number(after, "totalAllocBytes") - number(before, "totalAllocBytes");
        double error = Math.abs(delta - GIB) / (double) GIB;
        System.out.printf("totalAllocBytes delta %d for 1 GiB (%.2f %% off) on JDK %d%n", delta, error * 100,
                TargetJvm.javaFeatureVersion());
        assertTrue(error < 0.05, "delta " + delta + " is not within 5 % of 1 GiB");
        assertTrue(number(after, "gcCount") > number(before, "gcCount"), "1 GiB in a 256 MiB heap needs GCs");
        assertTrue(number(after, "heapInuseBytes") > 0);
        assertTrue(number(after, "nextGcTargetBytes") > 0);
        assertTrue(number(after, "nextGcTargetBytes") <= 256L << 20);
        call("DELETE", "/sessions/" + id, null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void topAllocFunctionsAndProfileNameTheMethodThatAllocatedTheWindowsBytes() throws Exception {
        String id = create("{\"durationSeconds\": 60}");
        OutputStream stdin = target.process().getOutputStream();
        stdin.write("alloc 2\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        target.awaitStdout("allocated 2", Duration.ofSeconds(60));
        Map<String, Object> after = json(call("GET", "/heap/" + id + "/summary", null));
        List<Map<String, Object>> top = (List<Map<String, Object>>) after.get("topAllocFunctions");
        assertTrue(!top.isEmpty() && top.size() <= 20, "1 to 20 entries: " + top);
        Map<String, Object> first = top.get(0);
        assertEquals(RetainingTarget.class.getName() + ".allocateOneGiB", first.get("funcName"), top.toString());
        assertEquals("dev.memprof.e2e.targets", first.get("package"));
        assertTrue(((BigDecimal) first.get("selfPct")).doubleValue() >= 90, first.toString());
        assertTrue(((BigDecimal) first.get("cumulativePct")).doubleValue() >= 90, first.toString());
        assertTrue(number(first, "sampleCount") > 1000, "about 2048 samples of 1 GiB at 512 KiB: " + first);
        DecodedProfile p = DecodedProfile.parse(call("GET", "/heap/" + id + "/profile", null).body());
        long bytes = p.cumulative(RetainingTarget.class.getName() + ".allocateOneGiB", "alloc_space/bytes");
        assertTrue(Math.abs(bytes - GIB) < GIB / 10, "the profile's unsampled bytes near 1 GiB: " + bytes);
        call("DELETE", "/sessions/" + id, null);
    }

    private static long number(Map<String, Object> m, String key) {
        return ((BigDecimal) m.get(key)).longValueExact();
    }
}
