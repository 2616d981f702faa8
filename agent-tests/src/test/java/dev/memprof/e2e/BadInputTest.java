package dev.memprof.e2e;

import dev.memprof.e2e.BadRequestCorpus.Case;
import dev.memprof.e2e.BadRequestCorpus.Expect;
import dev.memprof.e2e.harness.HostCounts;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.RawHttp;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.CountingTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7, "bad input": over 10,000 malformed requests from a seeded {@link BadRequestCorpus}, sent over loopback
 * to a target running the agent. Every answer is a 4xx with a one-line reason and no stack trace, the server is up
 * afterwards, and the host application, which counts its own work, keeps working and sees no exception.
 */
@Timeout(150)
class BadInputTest {

    private static final long SEED = Long.getLong("memprof.badInputSeed", 20261123L);
    private static final int CLIENTS = 6;
    private static final Duration BUDGET = Duration.ofSeconds(70);

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @Test
    void malformedRequestsGetA4xxAndNeverDisturbTheHost() throws Exception {
        List<Case> corpus = new BadRequestCorpus(SEED).generate();
        long strict = corpus.stream().filter(c -> c.expect() != Expect.LENIENT).count();
        assertTrue(strict >= 10_000, "corpus size " + strict);
        try (TargetJvm t = TargetJvm.builder(CountingTarget.class).agent("port=0").args("64", "3000")
                .start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            t.awaitStdout("ready", Duration.ofSeconds(30));
            int port = URI.create(base).getPort();

            HostCounts start = HostCounts.of(t);
            Thread.sleep(2000);
            HostCounts beforeAttack = HostCounts.of(t);
            double quietRate = beforeAttack.rateSince(start);

            AtomicInteger done = new AtomicInteger();
            long deadline = System.nanoTime() + BUDGET.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            for (Case c : corpus) {
                pool.execute(() -> {
                    if (System.nanoTime() < deadline) {
                        send(port, c);
                        done.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            // the host's own view, once a second while the corpus runs: it must keep making progress
            List<Long> perSecond = new ArrayList<>();
            HostCounts last = beforeAttack;
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                HostCounts now = HostCounts.of(t);
                perSecond.add(now.work() - last.work());
                last = now;
            }
            HostCounts after = HostCounts.of(t);
            double attackRate = after.rateSince(beforeAttack);

            System.out.printf("bad input: %d cases (seed %d) in %.1f s; answers by kind and status: %s%n",
                    done.get(), SEED, (after.nanos() - beforeAttack.nanos()) / 1e9, new TreeMap<>(outcomes));
            // no ratio: the worker is still being compiled, so its rate climbs through the run whatever the agent does
            System.out.printf("bad input: host work %.0f/s before, %.0f/s during, per second %s, exceptions %d%n",
                    quietRate, attackRate, perSecond, after.exceptions());

            assertEquals(corpus.size(), done.get(), "every case ran within " + BUDGET);
            assertTrue(failures.isEmpty(), failures.size() + " bad answers, e.g.:\n"
                    + String.join("\n", failures.stream().limit(20).toList()));
            assertEquals(200, Http.get(base + "/").status(), "the server is still up");
            assertEquals(200, Http.get(base + "/heap").status(), "and still builds profiles");
            assertEquals(0, after.exceptions(), "exceptions on the host's threads");
            assertTrue(perSecond.stream().allMatch(n -> n > 0), "the host progressed every second: " + perSecond);
            assertTrue(t.stderr().stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                    "no stack trace in the target's output:\n" + String.join("\n", t.stderr()));
        }
    }

    private void send(int port, Case c) {
        int timeoutMs = switch (c.expect()) {
            case CLOSE -> 0;
            default -> 10_000;
        };
        RawHttp.Answer a;
        try {
            a = RawHttp.exchange(port, c.bytes(), timeoutMs, c.expect() == Expect.MAYBE_4XX);
        } catch (Exception e) {
            outcomes.computeIfAbsent(c.kind() + " client-error", k -> new LongAdder()).increment();
            fail(c, "client error " + e);
            return;
        }
        outcomes.computeIfAbsent(c.kind() + " " + (a.answered() ? a.status() : "none"), k -> new LongAdder())
                .increment();
        if (c.expect() == Expect.CLOSE) {
            return;
        }
        if (!a.answered()) {
            if (c.expect() != Expect.MAYBE_4XX) {
                fail(c, "no answer (status " + a.status() + ")");
            }
            return;
        }
        boolean ok = a.status() >= 400 && a.status() < 500 || c.expect() == Expect.LENIENT && a.status() == 200;
        if (!ok) {
            fail(c, "status " + a.status() + " " + oneLine(a.bodyText()));
        }
        if (a.status() >= 400) {
            checkErrorShape(c, a);
        }
    }

    /** An error says why in one line of text and shows nothing of the agent's insides. */
    private void checkErrorShape(Case c, RawHttp.Answer a) {
        String text = a.head() + "\r\n\r\n" + a.bodyText();
        if (text.contains("\tat ") || text.contains("Exception")) {
            fail(c, "stack trace or exception text: " + oneLine(text));
        }
        if (a.head().toLowerCase().contains("content-type: text/plain")) {
            String body = a.bodyText();
            String firstLine = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
            if (firstLine.contains("\n") || firstLine.contains("\r")) {
                fail(c, "error body of more than one line: " + oneLine(body));
            }
        }
    }

    private void fail(Case c, String why) {
        failures.add(why + " <- " + c.describe());
    }

    private static String oneLine(String s) {
        String t = s.replace("\r", "\\r").replace("\n", "\\n");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
