package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.GoPprof;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.PrometheusText;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.HoardingTarget;
import dev.memprof.e2e.targets.ParkedThreadsTarget;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic heap captures against a target that first crosses the threshold and then leaks. The target retains
 * everything in {@code HoardingTarget.hoard}, so that method must top every capture.
 *
 * <ol>
 *   <li>Over the threshold: several collections within one interval make one threshold capture; one more after the
 *   interval makes the second. (The hoarding's own full collections can raise a leak event too, so leak captures
 *   are only counted in step 3, by the same rule as the others.)</li>
 *   <li>Released, then a steady leak: the leak watch raises a leak event about every 0.8 s (each drip tick is one
 *   full GC, one base measurement, and an event takes four rises); at most one leak capture per interval.</li>
 *   <li>The expected captures are computed from the leak events the agent reports, with the same rule (a leak at
 *   least one interval after the last captured one); retention keeps the newest three, so the first threshold
 *   capture is gone.</li>
 * </ol>
 * Serial GC and explicit GCs in the target make the base measurements come in well under a second (the agent
 * itself never forces a GC). Measured: 14 to 17 s.
 */
@Timeout(180)
class HeapCapturesTest {

    private static final String HOARD = HoardingTarget.class.getName() + ".hoard";
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int MAX = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private record Capture(String name, String reason, Instant time, long size) {
    }

    @TempDir
    Path tmp;

    @Test
    void thresholdAndLeakCapturesAreRateLimitedRetainedAndReadable() throws Exception {
        Path dir = tmp.resolve("not-yet/captures");
        long started = System.nanoTime();
        try (TargetJvm t = TargetJvm.builder(HoardingTarget.class).jvmArg("-Xmx512m").jvmArg("-XX:+UseSerialGC")
                .agent("port=0,captureDir=" + dir + ",captureThreshold=160m,captureInterval=" + INTERVAL.toSeconds()
                        + "s,captureMax=" + MAX).start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            t.awaitStdout("ready", Duration.ofSeconds(30));
            assertTrue(Files.isDirectory(dir), "the agent created the directory");
            Path notes = Files.writeString(dir.resolve("notes.txt"), "not ours");
            Path lookalike = Files.writeString(dir.resolve("heap_leak_latest.pb.gz"), "not ours either");
            assertEquals(List.of(), captures(base));

            // 1. over the threshold: the hoarding's own collections and four more back to back make one capture (the
            // burst is a fraction of the interval even on a loaded machine); one after the interval makes the second
            t.command("hoard 192", Duration.ofSeconds(30));
            t.command("gc 4", Duration.ofSeconds(30));
            long burstDone = System.nanoTime();
            // (the hoarding's own full collections may also raise a leak event, and with it a leak capture: those
            // are checked with the others in step 3)
            List<Capture> first = awaitCaptures(base, l -> !reason(l, "threshold").isEmpty());
            assertEquals(1, reason(first, "threshold").size(), first.toString());
            Thread.sleep(Math.max(0, INTERVAL.toMillis() + 500 - (System.nanoTime() - burstDone) / 1_000_000));
            t.command("gc", Duration.ofSeconds(30));
            List<Capture> thresholds = reason(awaitCaptures(base, l -> reason(l, "threshold").size() == 2),
                    "threshold");
            for (Capture c : thresholds) {
                assertEquals("heap_threshold_" + STAMP.format(c.time()) + ".pb.gz", c.name());
                assertHoardOnTop(base, dir, c, 100L << 20); // ~190 MiB: far above the sampler's noise
            }
            assertTrue(!thresholds.get(1).time().isBefore(thresholds.get(0).time().plus(INTERVAL)), thresholds
                    .toString());

            // 2. back under the threshold, then a steady leak until two leak captures are there
            t.command("release", Duration.ofSeconds(30));
            Instant dripStart = Instant.now().truncatedTo(ChronoUnit.SECONDS); // capture times are whole seconds
            t.command("drip 2", Duration.ofSeconds(30));
            awaitCaptures(base, l -> reason(l, "leak").stream().filter(c -> !c.time().isBefore(dripStart)).count()
                    >= 2);
            t.command("stop", Duration.ofSeconds(30));

            // 3. exactly the expected captures: from the agent's leak events, by the interval rule; the newest three.
            // Polled for a while: the last collections' notifications and captures may still be on their way.
            List<Capture> expected = expected(base, thresholds);
            List<Capture> listed = captures(base);
            for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; ) {
                Thread.sleep(500);
                List<Capture> e = expected(base, thresholds);
                List<Capture> l = captures(base);
                if (e.equals(expected) && names(l).equals(names(listed))
                        && names(l).equals(names(e.subList(e.size() - MAX, e.size())))) {
                    break;
                }
                expected = e;
                listed = l;
            }
            assertEquals(names(expected.subList(expected.size() - MAX, expected.size())), names(listed),
                    "all expected: " + expected);
            long leaks = expected.size() - thresholds.size();
            Map<String, PrometheusText.Family> metrics = PrometheusText.parse(
                    Http.get(base.replace("/debug/pprof", "/metrics")).text());
            Map<String, Double> written = metrics.get("memprof_captures_written_total").samples();
            assertEquals(2.0, written.get("reason=\"threshold\""), written.toString());
            assertEquals((double) leaks, written.get("reason=\"leak\""), written.toString());
            assertEquals(0.0, metrics.get("memprof_captures_dropped_total").samples().get(""));
            assertEquals((double) expected.size() - MAX, metrics.get("memprof_captures_deleted_total").samples()
                    .get(""));

            String oldest = thresholds.get(0).name();
            assertFalse(Files.exists(dir.resolve(oldest)), "retention deleted the oldest");
            assertEquals(404, Http.get(base + "/captures/" + oldest).status());
            assertTrue(Files.exists(notes) && Files.exists(lookalike), "other files are left alone");
            for (Capture c : listed) {
                if (c.reason().equals("leak")) {
                    assertHoardOnTop(base, dir, c, 1L << 20); // 8 MiB or more, about 15 samples at least
                }
            }
            System.out.printf("HeapCapturesTest on JDK %d: %d captures written (%d leak events), listed %s, %d s%n",
                    TargetJvm.javaFeatureVersion(), expected.size(), leakEvents(base).size(), listed,
                    (System.nanoTime() - started) / 1_000_000_000);
            assertEquals(List.of(), t.stderr().stream().filter(l -> !l.startsWith("memprof: ")).toList());
        }
    }

    @Test
    void aDirectoryThatCannotBeUsedIsOneLineAndCapturesStayOff() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        try (TargetJvm t = TargetJvm.builder(ParkedThreadsTarget.class)
                .agent("port=0,captureDir=" + file.resolve("captures") + ",captureThreshold=1").args("1").start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            t.awaitStdout("ready", Duration.ofSeconds(30));
            List<String> lines = t.stderr().stream().filter(l -> l.contains("capture")).toList();
            assertEquals(1, lines.size(), t.stderr().toString());
            assertTrue(lines.get(0).startsWith("memprof: warning: heap captures are off: captureDir "), lines.get(0));
            Http.Reply list = Http.get(base + "/captures");
            assertEquals(404, list.status());
            assertTrue(JsonParser.parseObject(list.text()).get("error").toString().contains("off"), list.text());
            assertEquals(200, Http.get(base + "/heap").status(), "the rest of the agent serves");
            assertFalse(Files.exists(file.resolve("captures")));
        }
    }

    /** The threshold captures, then one leak capture per leak event at least an interval after the last one. */
    private static List<Capture> expected(String base, List<Capture> thresholds) throws Exception {
        List<Capture> expected = new ArrayList<>(thresholds);
        Instant last = null;
        for (Instant leak : leakEvents(base)) {
            if (last == null || !leak.isBefore(last.plus(INTERVAL))) {
                expected.add(new Capture("heap_leak_" + STAMP.format(leak) + ".pb.gz", "leak",
                        leak.truncatedTo(ChronoUnit.SECONDS), 0));
                last = leak;
            }
        }
        expected.sort(Comparator.comparing(Capture::time));
        return expected;
    }

    /** Reads a capture through the route and from disk, decodes it, and checks that hoard tops inuse_space. */
    private static void assertHoardOnTop(String base, Path dir, Capture c, long minBytes) throws Exception {
        Http.Reply r = Http.get(base + "/captures/" + c.name());
        assertEquals(200, r.status(), c.name());
        assertEquals("application/octet-stream", r.header("Content-Type"));
        assertEquals("attachment; filename=\"" + c.name() + "\"", r.header("Content-Disposition"));
        assertArrayEquals(Files.readAllBytes(dir.resolve(c.name())), r.body());
        assertEquals(c.size(), r.body().length);

        DecodedProfile p = DecodedProfile.parse(r.body());
        assertEquals(List.of("alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes"),
                p.sampleTypes());
        assertNull(p.defaultSampleType(), "as /debug/pprof/heap: inuse_space by default");
        int inuse = p.index("inuse_space/bytes");
        DecodedProfile.Sample top = p.samples().stream().max(Comparator.comparingLong(s -> s.values()[inuse]))
                .orElseThrow(() -> new AssertionError("empty capture " + c));
        assertEquals(HOARD, top.leaf(), c.name());
        assertTrue(p.flat(HOARD, "inuse_space/bytes") >= minBytes, c.name() + ": " + p.flat(HOARD,
                "inuse_space/bytes"));

        String out = GoPprof.runOnBytes(r.body(), "-top");
        String first = out.lines().dropWhile(l -> !l.contains("flat%")).skip(1).findFirst()
                .orElseThrow(() -> new AssertionError("no rows in go tool pprof -top:\n" + out));
        assertTrue(first.endsWith(" " + HOARD), c.name() + ":\n" + out);
    }

    @SuppressWarnings("unchecked")
    private static List<Capture> captures(String base) throws Exception {
        Http.Reply r = Http.get(base + "/captures");
        assertEquals(200, r.status(), r.text());
        List<Capture> out = new ArrayList<>();
        for (Object o : (List<Object>) JsonParser.parseObject(r.text()).get("captures")) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Capture((String) m.get("name"), (String) m.get("reason"), Instant.parse((String) m.get("time")),
                    ((BigDecimal) m.get("size")).longValueExact()));
        }
        return out;
    }

    private static List<Capture> awaitCaptures(String base, Predicate<List<Capture>> done) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<Capture> l = captures(base);
        while (!done.test(l)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("captures not as awaited within 60 s: " + l);
            }
            Thread.sleep(100);
            l = captures(base);
        }
        return l;
    }

    /** The times of the leak events the agent raised: each is stored as a profile leak-N. */
    @SuppressWarnings("unchecked")
    private static List<Instant> leakEvents(String base) throws Exception {
        String memory = Http.get(base.replace("/debug/pprof", "/ah") + "/memory?details=true").text();
        List<Instant> times = new ArrayList<>();
        for (Object o : (List<Object>) JsonParser.parseObject(memory).get("memoryProfiles")) {
            Map<String, Object> p = (Map<String, Object>) o;
            if (p.get("id").toString().startsWith("leak-")) {
                times.add(Instant.parse(((Map<String, Object>) p.get("lastLeak")).get("timestamp").toString()));
            }
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    private static List<Capture> reason(List<Capture> captures, String reason) {
        return captures.stream().filter(c -> c.reason().equals(reason)).toList();
    }

    private static List<String> names(List<Capture> captures) {
        return captures.stream().map(Capture::name).toList();
    }
}
