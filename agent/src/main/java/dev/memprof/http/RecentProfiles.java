package dev.memprof.http;

import dev.memprof.threads.AgentThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps each reusable profile's latest gzipped bytes (one entry per profile name, so the cache is bounded by the
 * number of profiles), so that fifty clients scraping {@code heap} cost one build, not fifty: a build is CPU the
 * host pays for.
 * <p>
 * Stale-while-revalidate: bytes younger than {@link #REFRESH_AFTER_NANOS} are served as they are; bytes up to
 * {@link #MAX_AGE_NANOS} old are served at once while one background build refreshes them, so a scraper never waits
 * behind a rebuild; older bytes are not served, and the request waits for a fresh build. Builds are single-flight
 * per profile: a request that must wait joins the build already running. Go's heap profile is itself "as of the
 * last GC", so a bounded staleness is in keeping with what the profile means.
 */
final class RecentProfiles {

    private static final Logger log = LoggerFactory.getLogger(RecentProfiles.class);

    static final long REFRESH_AFTER_NANOS = 1_000_000_000L;
    static final long MAX_AGE_NANOS = 3_000_000_000L;

    private record Entry(long builtAt, byte[] bytes) {
    }

    private final ConcurrentMap<String, Entry> latest = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<byte[]>> building = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final Executor refresher;

    RecentProfiles() {
        this(System::nanoTime, oneRefreshThread());
    }

    /** For tests: a clock and the executor that runs background refreshes. */
    RecentProfiles(LongSupplier nanoClock, Executor refresher) {
        this.nanoClock = nanoClock;
        this.refresher = refresher;
    }

    /** One daemon thread for every background refresh: at most one runs at a time, whatever the load. */
    private static Executor oneRefreshThread() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                AgentThreads.numbered("profile-refresh"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The bytes to serve at once, or null when there are none young enough and the caller must {@link #build}.
     * Bytes older than {@link #REFRESH_AFTER_NANOS} start a background refresh (unless one is running).
     */
    byte[] cached(String name, Supplier<byte[]> build) {
        Entry e = latest.get(name);
        if (e == null) {
            return null;
        }
        long age = nanoClock.getAsLong() - e.builtAt;
        if (age >= MAX_AGE_NANOS) {
            return null;
        }
        if (age >= REFRESH_AFTER_NANOS) {
            start(name, build, refresher);
        }
        return e.bytes;
    }

    /** Fresh bytes: the build already running for {@code name}, or a new one on the calling thread. */
    byte[] build(String name, Supplier<byte[]> build) throws InterruptedException {
        try {
            return start(name, build, Runnable::run).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private CompletableFuture<byte[]> start(String name, Supplier<byte[]> build, Executor where) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = building.putIfAbsent(name, mine);
        if (running != null) {
            return running;
        }
        Runnable task = () -> {
            try {
                long startedAt = nanoClock.getAsLong(); // the bytes are as old as the snapshot they start from
                byte[] bytes = build.get();
                latest.put(name, new Entry(startedAt, bytes));
                mine.complete(bytes);
            } catch (Throwable t) {
                log.debug("building {} failed", name, t); // a waiting request answers 500; a refresh just retries
                mine.completeExceptionally(t);
            } finally {
                building.remove(name, mine);
            }
        };
        try {
            where.execute(task);
        } catch (RejectedExecutionException e) {
            building.remove(name, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }
}
