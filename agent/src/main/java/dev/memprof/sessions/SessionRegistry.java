package dev.memprof.sessions;

import dev.memprof.alloc.AllocationSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sessions: at most {@value #MAX_LIVE} running, and the {@value #MAX_FINISHED} most recent finished ones kept
 * (older finished ones are dropped). A running session is subscribed to the sampler; a scheduled task finishes
 * it when its duration is over.
 */
public final class SessionRegistry {

    public static final int MAX_LIVE = 64;
    public static final int MAX_FINISHED = 64;

    private final AllocationSource source;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    /** @param source the sampler, or null when there is none (sessions then collect no samples) */
    public SessionRegistry(AllocationSource source, ScheduledExecutorService timer) {
        this.source = source;
        this.timer = timer;
    }

    public Session create(Duration duration, String label) throws SessionLimitException {
        Session s;
        synchronized (this) {
            long live = sessions.values().stream().filter(Session::running).count();
            if (live >= MAX_LIVE) {
                throw new SessionLimitException("too many running sessions (at most " + MAX_LIVE
                        + "); stop one with DELETE /api/v1/profiling/sessions/{id} or wait for one to finish");
            }
            String id;
            do {
                byte[] b = new byte[6];
                random.nextBytes(b);
                id = "sess-" + HexFormat.of().formatHex(b);
            } while (sessions.containsKey(id));
            s = new Session(id, label, Instant.now(), duration, source == null ? 0 : source.rate());
            sessions.put(id, s);
        }
        if (source != null) {
            source.addListener(s.samples());
        }
        s.expiresWith(timer.schedule(() -> finish(s), duration.toMillis(), TimeUnit.MILLISECONDS));
        return s;
    }

    public synchronized Optional<Session> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public synchronized List<Session> list() {
        return new ArrayList<>(sessions.values());
    }

    /** Stops a session (if it runs) and removes it; false when there is no such session. */
    public boolean delete(String id) {
        Session s;
        synchronized (this) {
            s = sessions.remove(id);
        }
        if (s == null) {
            return false;
        }
        stop(s);
        return true;
    }

    private void finish(Session s) {
        stop(s);
        synchronized (this) {
            int finished = (int) sessions.values().stream().filter(x -> !x.running()).count();
            Iterator<Session> it = sessions.values().iterator();
            while (finished > MAX_FINISHED && it.hasNext()) {
                if (!it.next().running()) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    private void stop(Session s) {
        if (source != null) {
            source.removeListener(s.samples());
        }
        s.finish(Instant.now());
    }
}
