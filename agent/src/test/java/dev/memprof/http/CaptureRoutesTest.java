package dev.memprof.http;

import dev.memprof.capture.CaptureDirectory;
import dev.memprof.capture.CaptureReason;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /debug/pprof/captures} and {@code /debug/pprof/captures/{name}} through the router. */
@Timeout(10)
class CaptureRoutesTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:00Z");

    @TempDir
    Path tmp;

    private static Router router(CaptureDirectory d) {
        return new Routes(60).captures(d).build(List.of("java"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAndServesCaptures() throws Exception {
        CaptureDirectory d = CaptureDirectory.open(tmp);
        d.write(CaptureReason.LEAK, T, new byte[]{1, 2, 3});
        d.write(CaptureReason.THRESHOLD, T.minusSeconds(60), new byte[]{4});
        Files.writeString(tmp.resolve("notes.txt"), "not listed");
        Router router = router(d);

        Response list = Requests.serve(router, Requests.get("/debug/pprof/captures"));
        assertEquals(200, list.status());
        assertEquals(Responses.JSON, list.headers().get("Content-Type"));
        Map<String, Object> body = JsonParser.parseObject(list.bodyText());
        assertEquals(tmp.toAbsolutePath().normalize().toString(), body.get("directory"));
        List<Map<String, Object>> captures = (List<Map<String, Object>>) body.get("captures");
        assertEquals(List.of(
                Map.of("name", "heap_threshold_20261123T101400Z.pb.gz", "reason", "threshold",
                        "time", "2026-11-23T10:14:00Z", "size", BigDecimal.ONE),
                Map.of("name", "heap_leak_20261123T101500Z.pb.gz", "reason", "leak",
                        "time", "2026-11-23T10:15:00Z", "size", BigDecimal.valueOf(3))), captures);

        Response file = Requests.serve(router, Requests.get("/debug/pprof/captures/heap_leak_20261123T101500Z.pb.gz"));
        assertEquals(200, file.status());
        assertEquals(Responses.BINARY, file.headers().get("Content-Type"));
        assertEquals("attachment; filename=\"heap_leak_20261123T101500Z.pb.gz\"",
                file.headers().get("Content-Disposition"));
        assertArrayEquals(new byte[]{1, 2, 3}, file.body());

        String index = Requests.serve(router, Requests.get("/debug/pprof/")).bodyText();
        assertTrue(index.contains("captures?debug=1"), index);
    }

    @Test
    void namesAreCheckedStrictly() throws Exception {
        Router router = router(CaptureDirectory.open(tmp));
        for (String bad : List.of("notes.txt", "..", "heap_leak_20261123T101500Z-1.pb.gz", "%2e%2e",
                "heap_leak_20261123T101500Z.pb.gz.tmp", "")) {
            Response r = Requests.serve(router, Requests.get("/debug/pprof/captures/" + bad));
            assertEquals(400, r.status(), bad);
            assertEquals("invalid capture name: expected heap_<threshold|leak>_<yyyyMMddTHHmmssZ>[-N].pb.gz\n",
                    r.bodyText());
            assertEquals("1", r.headers().get("X-Go-Pprof"));
        }
        Response missing = Requests.serve(router,
                Requests.get("/debug/pprof/captures/heap_leak_20261123T101500Z.pb.gz"));
        assertEquals(404, missing.status());
        assertEquals("no capture heap_leak_20261123T101500Z.pb.gz\n", missing.bodyText());
    }

    @Test
    void withCapturesOffBothRoutesSaySo() throws Exception {
        Router router = router(null);
        Response list = Requests.serve(router, Requests.get("/debug/pprof/captures"));
        assertEquals(404, list.status());
        assertTrue(JsonParser.parseObject(list.bodyText()).get("error").toString().contains("captureDir="));
        Response file = Requests.serve(router, Requests.get("/debug/pprof/captures/heap_leak_20261123T101500Z.pb.gz"));
        assertEquals(404, file.status());
        assertTrue(file.bodyText().startsWith("automatic heap captures are off"), file.bodyText());
        assertFalse(Requests.serve(router, Requests.get("/debug/pprof/")).bodyText().contains("captures"));
    }
}
