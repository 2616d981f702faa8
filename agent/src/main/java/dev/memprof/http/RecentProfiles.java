package dev.memprof.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Keeps each profile's latest gzipped bytes for a moment (one entry per profile name, so the cache is bounded by
 * the number of profiles). Fifty clients scraping {@code heap} at once then cost one build, not fifty: a profile
 * build is CPU the host pays for. A served profile is at most {@link #MAX_AGE_NANOS} old.
 */
final class RecentProfiles {

    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private record Entry(long builtAt, byte[] bytes) {
    }

    private final ConcurrentMap<String, Entry> latest = new ConcurrentHashMap<>();

    byte[] get(String name, Supplier<byte[]> build) {
        Entry e = latest.get(name);
        long now = System.nanoTime();
        if (e != null && now - e.builtAt < MAX_AGE_NANOS) {
            return e.bytes;
        }
        synchronized (this) { // concurrent misses wait for one build instead of each building
            e = latest.get(name);
            if (e != null && System.nanoTime() - e.builtAt < MAX_AGE_NANOS) {
                return e.bytes;
            }
            byte[] bytes = build.get();
            latest.put(name, new Entry(System.nanoTime(), bytes));
            return bytes;
        }
    }
}
