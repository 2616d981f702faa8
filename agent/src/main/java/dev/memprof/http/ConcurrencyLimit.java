package dev.memprof.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many expensive requests (building a heap profile, converting a recording, diffing heaps) run at once.
 * A request past the bound waits up to a second for a turn, then gets 429 with {@code Retry-After}.
 */
public final class ConcurrencyLimit {

    private final Semaphore permits;
    private final int max;

    public ConcurrencyLimit(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    public Handler wrap(Handler h) {
        return r -> {
            if (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
                return Responses.error(429, "Too Many Requests: at most " + max + " profiles are built at once")
                        .header("Retry-After", "1");
            }
            try {
                return h.handle(r);
            } finally {
                permits.release();
            }
        };
    }
}
