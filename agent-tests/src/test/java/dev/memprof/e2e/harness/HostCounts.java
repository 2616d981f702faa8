package dev.memprof.e2e.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code CountingTarget} says about its own work: units done, exceptions seen on its threads, and the
 * target's clock, so rates are measured in the target's time rather than the test's.
 */
public record HostCounts(long work, long exceptions, long nanos) {

    private static final Pattern LINE = Pattern.compile("work=(\\d+) exceptions=(\\d+) nanos=(-?\\d+)");
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Asks the target for its counts over stdin and waits (bounded) for the answer. */
    public static HostCounts of(TargetJvm target) throws IOException {
        String tag = "counts " + SEQ.incrementAndGet();
        target.send(tag);
        Matcher m = LINE.matcher(target.awaitStdout(tag + " ", Duration.ofSeconds(10)));
        if (!m.find()) {
            throw new AssertionError("unexpected counts line from the target");
        }
        return new HostCounts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    /** Units of work per second between an earlier reading and this one. */
    public double rateSince(HostCounts earlier) {
        return (work - earlier.work) * 1e9 / Math.max(1, nanos - earlier.nanos);
    }
}
