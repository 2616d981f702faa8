package dev.memprof.instrument;

import dev.memprof.threads.AgentThreads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes that the agent's own start-up loads (Netty's, JFR's, and the JDK classes they need: about a thousand)
 * are not rewritten as they load but later, with the classes loaded before the agent. Rewriting them at once was
 * half of the agent's CPU in its first second, spent while the application starts too, and a short program that
 * has ended by then never needs it. The application's threads are never deferred: what they load samples at once.
 */
final class StartupLoads {

    /** Past this many, classes are rewritten as they load again: the set stays bounded. */
    static final int MAX = 20_000;

    private record Key(String internalName, ClassLoader loader) {
    }

    private final Set<Key> deferred = new HashSet<>();
    private boolean open = true;

    /** True when the class was set aside for later; false when it must be rewritten now. */
    boolean defer(String internalName, ClassLoader loader) {
        String thread = Thread.currentThread().getName();
        if (thread == null || !thread.startsWith(AgentThreads.PREFIX)) {
            return false;
        }
        synchronized (this) {
            return open && deferred.size() < MAX && deferred.add(new Key(internalName, loader));
        }
    }

    /**
     * Ends deferring (classes loaded from now on are rewritten as they load) and returns those set aside, found
     * among {@code loaded}.
     */
    List<Class<?>> close(Class<?>[] loaded) {
        Set<Key> keys;
        synchronized (this) {
            open = false;
            keys = new HashSet<>(deferred);
            deferred.clear();
        }
        List<Class<?>> classes = new ArrayList<>();
        if (keys.isEmpty()) {
            return classes;
        }
        for (Class<?> c : loaded) {
            if (keys.contains(new Key(c.getName().replace('.', '/'), c.getClassLoader()))) {
                classes.add(c);
            }
        }
        return classes;
    }
}
