package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.GoPprof;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.ControlledTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pprof routes of one -javaagent target that runs with a token: the index, goroutine at all debug levels with
 * known lock facts, Go's error texts and headers, cmdline redaction, bearer auth, and a clean stderr.
 */
@Timeout(120)
class PprofRoutesTest {

    private static final String TOKEN = "s3cret";
    private static final String AUTH = "Bearer " + TOKEN;
    private static final String TARGET = "dev.memprof.e2e.targets.ControlledTarget";
    private static final String HOLDER = TARGET + ".holdMonitor";
    private static final String BLOCKED = TARGET + ".blockOnMonitor";
    private static final String LEDGER = TARGET + "$Ledger";

    private static TargetJvm target;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        target = TargetJvm.builder(ControlledTarget.class).agent("port=0,token=" + TOKEN).start();
        base = target.awaitBase(Duration.ofSeconds(30));
        target.awaitStdout("ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static Http.Reply get(String path) throws Exception {
        return Http.get(base + path, Duration.ofSeconds(30), "Authorization", AUTH);
    }

    @Test
    void theIndexListsGoroutineAndThreadcreateWithCounts() throws Exception {
        Http.Reply r = get("/");
        assertEquals(200, r.status());
        assertEquals("text/html; charset=utf-8", r.header("Content-Type"));
        int threads = DecodedProfile.parse(get("/goroutine").body()).samples().size();
        for (String name : List.of("goroutine", "threadcreate")) {
            Matcher m = Pattern.compile("<tr><td>(\\d+)</td><td><a href='" + name + "\\?debug=1'>" + name + "</a>")
                    .matcher(r.text());
            assertTrue(m.find(), name + " row in " + r.text());
            int count = Integer.parseInt(m.group(1));
            assertTrue(Math.abs(count - threads) <= 2, name + " count " + count + " vs " + threads + " live threads");
        }
        assertTrue(r.text().contains("goroutine?debug=2"), "link to the full dump");
    }

    @Test
    void goroutineDebug1IsAggregatedTextWithATotal() throws Exception {
        Http.Reply r = get("/goroutine?debug=1");
        assertEquals(200, r.status());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        String text = r.text();
        Matcher total = Pattern.compile("\\Agoroutine profile: total (\\d+)\n").matcher(text);
        assertTrue(total.find(), text);
        int sum = Pattern.compile("(?m)^(\\d+) @").matcher(text).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        assertEquals(Integer.parseInt(total.group(1)), sum, "records add up to the total");
        assertTrue(Pattern.compile("(?m)^1 @( 0x[0-9a-f]+)+$").matcher(text).find(), text);
        assertFalse(Pattern.compile("(?m)^\\d+ @$").matcher(text).find(), "every record has a frame:\n" + text);
        String parsed = GoPprof.runOnBytes(r.body(), "-raw"); // pprof's legacy reader accepts the whole text
        assertTrue(parsed.contains("PeriodType: goroutine count"), parsed);
        assertTrue(Pattern.compile("(?m)^#\t0x[0-9a-f]+\t" + Pattern.quote(HOLDER)
                + "\\+0x0\tdev/memprof/e2e/targets/ControlledTarget.java:\\d+$").matcher(text).find(), text);
    }

    @Test
    void goroutineDebug2IsAJstackLikeDumpWithLocks() throws Exception {
        Http.Reply r = get("/goroutine?debug=2");
        assertEquals(200, r.status());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        String dump = r.text();
        assertTrue(dump.contains("Full thread dump "), dump);

        String holder = threadSection(dump, "monitor-holder");
        assertTrue(holder.contains("java.lang.Thread.State: TIMED_WAITING (sleeping)"), holder);
        Matcher locked = Pattern.compile("\tat \\S*" + Pattern.quote(HOLDER) + "\\(ControlledTarget.java:\\d+\\)\n"
                + "\t- locked <(0x[0-9a-f]+)> \\(a " + Pattern.quote(LEDGER) + "\\)\n").matcher(holder);
        assertTrue(locked.find(), "the monitor is locked in holdMonitor:\n" + holder);

        String blocked = threadSection(dump, "monitor-blocked");
        assertTrue(blocked.contains("java.lang.Thread.State: BLOCKED (on object monitor)"), blocked);
        Matcher waiting = Pattern.compile("\tat \\S*" + Pattern.quote(BLOCKED) + "\\(ControlledTarget.java:\\d+\\)\n"
                + "\t- waiting to lock <(0x[0-9a-f]+)> \\(a " + Pattern.quote(LEDGER)
                + "\\) owned by \"monitor-holder\" #\\d+\n").matcher(blocked);
        assertTrue(waiting.find(), "the blocked thread waits for the holder's monitor:\n" + blocked);
        assertEquals(locked.group(1), waiting.group(1), "the same monitor");
    }

    @Test
    void goroutineDebug0DecodesWithStatesAndLabels() throws Exception {
        Http.Reply r = get("/goroutine");
        assertEquals("attachment; filename=\"goroutine\"", r.header("Content-Disposition"));
        DecodedProfile p = DecodedProfile.parse(r.body());
        assertEquals(List.of("goroutine/count"), p.sampleTypes());
        assertTrue(p.comments().get(0).startsWith("memprof "), p.comments().toString());
        DecodedProfile.Sample blocked = only(p, BLOCKED);
        assertEquals(BLOCKED, blocked.leaf(), "blocked at monitor entry, nothing above it");
        assertEquals("BLOCKED", blocked.labels().get("state"));
        assertEquals("monitor-blocked", blocked.labels().get("thread"));
        DecodedProfile.Sample holder = only(p, HOLDER);
        assertEquals("TIMED_WAITING", holder.labels().get("state"));
        assertEquals(p.samples().size(), p.total("goroutine/count"), "one sample per thread, value 1");
    }

    @Test
    void goToolPprofSeesThreadLabelsAndThreadcreate() throws Exception {
        String raw = GoPprof.runOnBytes(get("/goroutine").body(), "-raw");
        assertTrue(raw.contains("state:[BLOCKED] thread:[monitor-blocked]"), raw);
        String focused = GoPprof.runOnBytes(get("/goroutine").body(), "-top", "-tagfocus=thread=monitor-blocked");
        assertTrue(focused.contains(BLOCKED), focused);
        assertFalse(focused.contains(HOLDER), focused);
        String created = GoPprof.runOnBytes(get("/threadcreate").body(), "-raw");
        assertTrue(created.contains("PeriodType: threadcreate count"), created);
        assertTrue(created.contains(TARGET + ".main dev/memprof/e2e/targets/ControlledTarget.java:"), created);
    }

    @Test
    void anUnknownProfileIs404UnknownProfile() throws Exception {
        Http.Reply r = get("/nosuchprofile");
        assertEquals(404, r.status());
        assertEquals("Unknown profile\n", r.text());
        assertEquals("1", r.header("X-Go-Pprof"));
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    @Test
    void cmdlineIsNulSeparatedWithTheTokenRedacted() throws Exception {
        Http.Reply r = get("/cmdline");
        assertEquals(200, r.status());
        List<String> args = List.of(r.text().split("\u0000"));
        assertTrue(args.get(args.size() - 1).equals(TARGET), args.toString());
        assertTrue(args.stream().anyMatch(a -> a.startsWith("-javaagent:") && a.endsWith("=port=0,token=***")),
                args.toString());
        assertFalse(r.text().contains(TOKEN), r.text());
    }

    @Test
    void aTokenIsRequiredAndChecked() throws Exception {
        for (String path : List.of("/", "/goroutine", "/nosuchprofile")) {
            Http.Reply none = Http.get(base + path, Duration.ofSeconds(30));
            assertEquals(401, none.status(), path);
            assertEquals("Bearer", none.header("WWW-Authenticate"));
            Http.Reply wrong = Http.get(base + path, Duration.ofSeconds(30), "Authorization", "Bearer s3cre");
            assertEquals(401, wrong.status(), path);
            assertFalse(wrong.text().contains(TOKEN));
        }
        assertEquals(200, get("/goroutine").status());
    }

    @Test
    void symbolAnswersOneSymbol() throws Exception {
        Http.Reply r = get("/symbol");
        assertEquals(200, r.status());
        assertEquals("num_symbols: 1\n", r.text());
    }

    @Test
    void everyStderrLineIsOurs() throws Exception {
        get("/goroutine"); // the agent has served: any late warning (class injection, Unsafe) has had its chance
        List<String> err = target.stderr();
        assertFalse(err.isEmpty());
        err.forEach(l -> assertTrue(l.startsWith("memprof: "), "a stderr line that is not ours (JDK "
                + TargetJvm.javaFeatureVersion() + "): " + l + "\nall: " + err));
        assertFalse(String.join("\n", err).contains(TOKEN), "the token is never logged");
    }

    private static String threadSection(String dump, String name) {
        int start = dump.indexOf("\"" + name + "\" #");
        assertTrue(start >= 0, "no thread " + name + " in:\n" + dump);
        int end = dump.indexOf("\n\n", start);
        return dump.substring(start, end < 0 ? dump.length() : end + 1);
    }

    private static DecodedProfile.Sample only(DecodedProfile p, String function) {
        List<DecodedProfile.Sample> s = p.samples().stream().filter(x -> x.hasFunction(function)).toList();
        assertEquals(1, s.size(), function + " in " + s);
        return s.get(0);
    }
}
