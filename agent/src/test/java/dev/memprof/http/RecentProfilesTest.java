package dev.memprof.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stale-while-revalidate with a hand-driven clock and a hand-run refresh queue. */
@Timeout(10)
class RecentProfilesTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final Queue<Runnable> refreshes = new ArrayDeque<>();
    private final RecentProfiles recent = new RecentProfiles(now::get, refreshes::add);
    private final AtomicInteger builds = new AtomicInteger();
    private final Supplier<byte[]> build = () -> new byte[]{(byte) builds.incrementAndGet()};

    @Test
    void nothingIsServedBeforeTheFirstBuild() throws Exception {
        assertNull(recent.cached("heap", build));
        assertArrayEquals(new byte[]{1}, recent.build("heap", build));
        assertArrayEquals(new byte[]{1}, recent.cached("heap", build));
        assertEquals(0, refreshes.size(), "young bytes start no refresh");
    }

    @Test
    void staleBytesAreServedAtOnceWhileOneBackgroundBuildRefreshesThem() throws Exception {
        recent.build("heap", build);
        now.addAndGet(1_500 * MS);
        assertArrayEquals(new byte[]{1}, recent.cached("heap", build), "served the stale bytes without waiting");
        assertArrayEquals(new byte[]{1}, recent.cached("heap", build));
        assertEquals(1, refreshes.size(), "one refresh, however many requests saw stale bytes");
        refreshes.poll().run();
        assertArrayEquals(new byte[]{2}, recent.cached("heap", build));
        assertEquals(0, refreshes.size());
    }

    @Test
    void bytesPastTheMaximumAgeAreNeverServed() throws Exception {
        recent.build("heap", build);
        now.addAndGet(RecentProfiles.MAX_AGE_NANOS);
        assertNull(recent.cached("heap", build));
        assertArrayEquals(new byte[]{2}, recent.build("heap", build));
    }

    @Test
    void profilesAreCachedSeparately() throws Exception {
        recent.build("heap", () -> new byte[]{7});
        assertNull(recent.cached("goroutine", build));
        assertArrayEquals(new byte[]{7}, recent.cached("heap", build));
    }

    @Test
    void aFailedBuildIsRethrownAndLeavesNothingBehind() throws Exception {
        assertThrows(IllegalStateException.class, () -> recent.build("heap", () -> {
            throw new IllegalStateException("boom");
        }));
        assertNull(recent.cached("heap", build));
        assertArrayEquals(new byte[]{1}, recent.build("heap", build), "the next request builds again");
    }

    @Test
    void concurrentRequestsJoinTheBuildInFlight() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<byte[]> slow = () -> {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return build.get();
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<byte[]> first = pool.submit(() -> recent.build("heap", slow));
            started.await(5, TimeUnit.SECONDS);
            Future<byte[]> second = pool.submit(() -> recent.build("heap", slow));
            Future<byte[]> third = pool.submit(() -> recent.build("heap", slow));
            Thread.sleep(300); // the two later requests reach the cache while the first build still runs
            release.countDown();
            assertArrayEquals(new byte[]{1}, first.get(5, TimeUnit.SECONDS));
            assertArrayEquals(new byte[]{1}, second.get(5, TimeUnit.SECONDS));
            assertArrayEquals(new byte[]{1}, third.get(5, TimeUnit.SECONDS));
            assertEquals(1, builds.get(), "one build for three requests");
        } finally {
            pool.shutdownNow();
        }
    }
}
