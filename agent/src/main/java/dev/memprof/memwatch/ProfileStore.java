package dev.memprof.memwatch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** At most {@value #CAPACITY} profiles, oldest first; adding one past the cap evicts the oldest. Not thread safe. */
final class ProfileStore {

    static final int CAPACITY = 100;

    private final Map<String, MemoryProfile> profiles = new LinkedHashMap<>();
    private long evicted;

    boolean contains(String id) {
        return profiles.containsKey(id);
    }

    void add(MemoryProfile p) {
        profiles.put(p.id(), p);
        Iterator<MemoryProfile> oldest = profiles.values().iterator();
        while (profiles.size() > CAPACITY) {
            oldest.next();
            oldest.remove();
            evicted++;
        }
    }

    MemoryProfile get(String id) {
        return profiles.get(id);
    }

    boolean remove(String id) {
        return profiles.remove(id) != null;
    }

    List<MemoryProfile> all() {
        return new ArrayList<>(profiles.values());
    }

    long evicted() {
        return evicted;
    }
}
