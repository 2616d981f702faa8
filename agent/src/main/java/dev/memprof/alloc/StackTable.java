package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Interns allocation stacks (and their frames) so that each distinct stack is stored once. Capped: past
 * {@code maxStacks}, new stacks fold into one {@code [memprof: truncated]} stack and a counter says how many
 * samples went there, so the totals stay honest while memory stays bounded.
 */
final class StackTable {

    static final Frame TRUNCATED = Frame.synthetic("[memprof: truncated]");
    static final List<Frame> TRUNCATED_STACK = List.of(TRUNCATED);

    /** Interned stack -> itself; looked up with a cheap {@link Arrays#asList} view (lists compare by elements). */
    private final ConcurrentMap<List<Frame>, List<Frame>> stacks = new ConcurrentHashMap<>();
    private final ConcurrentMap<Frame, Frame> frames = new ConcurrentHashMap<>();
    private final int maxStacks;
    private final int maxFrames;
    private final AtomicLong truncatedSamples = new AtomicLong();

    StackTable(int maxStacks) {
        this.maxStacks = maxStacks;
        this.maxFrames = maxStacks * 4;
    }

    /** The interned, immutable form of a stack (leaf first). */
    List<Frame> intern(Frame[] stack) {
        List<Frame> existing = stacks.get(Arrays.asList(stack));
        if (existing != null) {
            return existing;
        }
        if (stacks.size() >= maxStacks) {
            truncatedSamples.incrementAndGet();
            return TRUNCATED_STACK;
        }
        for (int i = 0; i < stack.length; i++) {
            stack[i] = internFrame(stack[i]);
        }
        List<Frame> interned = List.of(stack);
        List<Frame> raced = stacks.putIfAbsent(interned, interned);
        return raced != null ? raced : interned;
    }

    private Frame internFrame(Frame f) {
        Frame existing = frames.get(f);
        if (existing != null) {
            return existing;
        }
        if (frames.size() >= maxFrames) {
            return f;
        }
        Frame raced = frames.putIfAbsent(f, f);
        return raced != null ? raced : f;
    }

    int size() {
        return stacks.size();
    }

    long truncatedSamples() {
        return truncatedSamples.get();
    }
}
