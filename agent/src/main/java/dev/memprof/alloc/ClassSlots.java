package dev.memprof.alloc;

import dev.memprof.bootstrap.AllocationHook;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers the classes that {@code new} sites allocate, so the inlined hook can find a class's shallow size with an
 * array load instead of a map lookup. Capped at {@link AllocationHook#MAX_SLOTS}; past the cap, classes share the
 * last slot, whose size is then that of the first class measured there (an approximation, counted in overflow).
 */
final class ClassSlots {

    private final ConcurrentMap<String, Integer> slots = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger overflow = new AtomicInteger();

    int slotFor(String internalName) {
        Integer s = slots.get(internalName);
        if (s != null) {
            return s;
        }
        if (next.get() >= AllocationHook.MAX_SLOTS - 1) {
            overflow.incrementAndGet();
            return AllocationHook.MAX_SLOTS - 1;
        }
        return slots.computeIfAbsent(internalName, k -> next.getAndIncrement());
    }

    int size() {
        return slots.size();
    }

    int overflow() {
        return overflow.get();
    }
}
