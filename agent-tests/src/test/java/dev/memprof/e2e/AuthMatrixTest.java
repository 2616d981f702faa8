package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.PropertiesTarget;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, "auth": with a token set (by {@code tokenFile=} and by {@code token=}), every route family refuses a
 * missing or wrong {@code Authorization} with 401, {@code WWW-Authenticate: Bearer} and no detail, before routing
 * (so unknown paths and wrong methods are 401 too, and a refused POST changes nothing), and answers the right token
 * with the route's normal status. The token appears in no answer, not in the target's stdout or stderr, not in
 * {@code cmdline} and not in the target's system properties. (Non-loopback refusal and TLS with {@code go tool
 * pprof} are in {@code TlsAndBindingTest}.)
 */
@Timeout(240)
class AuthMatrixTest {

    private static final String TOKEN = "mX7-auth-matrix-9c1d";
    private static final String RIGHT = "Bearer " + TOKEN;

    /** One route: method, path ({@code {session}} stands for a session id), body, and its status with the token. */
    private record Route(String method, String path, String body, int ok) {
    }

    /** Every route family, the single list this test walks. */
    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/debug/pprof/", null, 200),
            new Route("GET", "/debug/pprof/heap", null, 200),
            new Route("GET", "/debug/pprof/allocs", null, 200),
            new Route("GET", "/debug/pprof/goroutine", null, 200),
            new Route("GET", "/debug/pprof/goroutine?debug=2", null, 200),
            new Route("GET", "/debug/pprof/threadcreate", null, 200),
            new Route("GET", "/debug/pprof/block", null, 200),
            new Route("GET", "/debug/pprof/mutex", null, 200),
            new Route("GET", "/debug/pprof/profile?seconds=1", null, 200),
            new Route("GET", "/debug/pprof/trace?seconds=1", null, 200),
            new Route("GET", "/debug/pprof/jfr", null, 200),
            new Route("GET", "/debug/pprof/cmdline", null, 200),
            new Route("GET", "/debug/pprof/symbol", null, 200),
            new Route("POST", "/debug/pprof/symbol", "0x1234", 200),
            new Route("GET", "/debug/pprof/nosuchprofile", null, 404),
            new Route("DELETE", "/debug/pprof/heap", null, 405),
            new Route("GET", "/debug/pprof/captures", null, 200),
            new Route("GET", "/debug/pprof/captures/heap_leak_20261123T101500Z.pb.gz", null, 404),
            new Route("GET", "/metrics", null, 200),
            new Route("GET", "/ah/memoryProfile/status", null, 200),
            new Route("GET", "/ah/memory", null, 200),
            new Route("POST", "/ah/memoryProfile", null, 201),
            new Route("GET", "/api/v1/profiling/sessions", null, 200),
            new Route("POST", "/api/v1/profiling/sessions", "{\"durationSeconds\": 60}", 201),
            new Route("GET", "/api/v1/profiling/heap/{session}/summary", null, 200),
            new Route("GET", "/no/such/route", null, 404));

    /** A refused credential: what it is, and the {@code Authorization} value (null: no header). */
    private record Credential(String what, String header) {
    }

    private static final List<Credential> REFUSED = List.of(
            new Credential("no Authorization", null),
            new Credential("a wrong token", "Bearer wrong-token"),
            new Credential("the Basic scheme", "Basic " + Base64.getEncoder().encodeToString(
                    ("memprof:" + TOKEN).getBytes(StandardCharsets.UTF_8))),
            new Credential("the token under Basic", "Basic " + TOKEN),
            new Credential("the token without a scheme", TOKEN),
            new Credential("Bearer with two spaces", "Bearer  " + TOKEN),
            new Credential("a prefix of the token", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1)),
            new Credential("the token with more after it", "Bearer " + TOKEN + "0"),
            new Credential("the token with a prefix", "Bearer x" + TOKEN),
            new Credential("Bearer alone", "Bearer"));

    @ParameterizedTest(name = "token by {0}=")
    @ValueSource(strings = {"tokenFile", "token"})
    void everyRouteFamilyRefusesWrongCredentialsAndServesTheRightToken(String how, @TempDir Path dir)
            throws Exception {
        String agentArgs = "port=0,captureDir=" + dir.resolve("captures") + ",";
        if (how.equals("tokenFile")) {
            Path file = dir.resolve("token");
            Files.writeString(file, TOKEN + "\n");
            agentArgs += "tokenFile=" + file;
        } else {
            agentArgs += "token=" + TOKEN;
        }
        try (TargetJvm t = TargetJvm.builder(PropertiesTarget.class).agent(agentArgs).start()) {
            String root = t.awaitBase(Duration.ofSeconds(60)).replace("/debug/pprof", "");
            t.awaitStdout("ready", Duration.ofSeconds(30));
            Http.Reply created = send("POST", root + "/api/v1/profiling/sessions", "{}", RIGHT);
            assertEquals(201, created.status(), created.text());
            String session = (String) JsonParser.parseObject(created.text()).get("sessionId");

            List<String> problems = new ArrayList<>();
            for (Route r : ROUTES) {
                String url = root + r.path.replace("{session}", session);
                String route = r.method + " " + r.path;
                for (Credential c : REFUSED) {
                    Http.Reply reply = send(r.method, url, r.body, c.header);
                    if (reply.status() != 401 || !"Bearer".equals(reply.header("WWW-Authenticate"))
                            || !reply.text().equals("Unauthorized\n")) {
                        problems.add(route + " with " + c.what + ": " + reply.status() + " "
                                + reply.header("WWW-Authenticate") + " " + reply.text().strip());
                    }
                }
                Http.Reply ok = send(r.method, url, r.body, RIGHT);
                if (ok.status() != r.ok) {
                    problems.add(route + " with the token: " + ok.status() + " (expected " + r.ok + ") "
                            + ok.text().lines().findFirst().orElse(""));
                }
                if (readable(ok.body()).contains(TOKEN)) {
                    problems.add(route + " with the token: the answer holds the token");
                }
            }
            assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));

            assertNothingChangedByRefusedRequests(root);
            assertTokenAppearsNowhere(t, root);
        }
    }

    /** Only the matrix's right-token POSTs created anything: one memwatch profile and one session (plus setup's). */
    private static void assertNothingChangedByRefusedRequests(String root) throws Exception {
        Map<String, Object> memory = JsonParser.parseObject(send("GET", root + "/ah/memory", null, RIGHT).text());
        assertEquals(1, ((List<?>) memory.get("memoryProfiles")).size(), "memwatch profiles: " + memory);
        Map<String, Object> sessions = JsonParser.parseObject(
                send("GET", root + "/api/v1/profiling/sessions", null, RIGHT).text());
        assertEquals(2, ((List<?>) sessions.get("sessions")).size(), "sessions: " + sessions);
    }

    private static void assertTokenAppearsNowhere(TargetJvm t, String root) throws Exception {
        String cmdline = send("GET", root + "/debug/pprof/cmdline", null, RIGHT).text();
        assertTrue(cmdline.contains("-javaagent:"), cmdline);
        assertFalse(cmdline.contains(TOKEN), "cmdline: " + cmdline);
        t.command("properties", Duration.ofSeconds(30));
        List<String> properties = t.stdout().stream().filter(l -> l.startsWith("property ")).toList();
        assertTrue(properties.stream().anyMatch(l -> l.startsWith("property memprof.url=")), "properties printed");
        assertTrue(properties.stream().noneMatch(l -> l.contains(TOKEN)), "a system property holds the token");
        assertTrue(t.stdout().stream().noneMatch(l -> l.contains(TOKEN)), "the token on stdout: " + t.stdout());
        assertTrue(t.stderr().stream().noneMatch(l -> l.contains(TOKEN)), "the token on stderr: " + t.stderr());
    }

    private static Http.Reply send(String method, String url, String body, String authorization) throws Exception {
        return authorization == null ? Http.send(method, url, body)
                : Http.send(method, url, body, "Authorization", authorization);
    }

    /** The body as text; gzipped profiles unzipped first, so their string tables are searched too. */
    private static String readable(byte[] body) throws IOException {
        if (body.length > 2 && body[0] == 0x1f && body[1] == (byte) 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.ISO_8859_1);
    }
}
