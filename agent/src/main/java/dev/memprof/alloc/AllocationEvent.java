package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.util.List;

/**
 * One allocation sample.
 *
 * @param stack     allocation stack, leaf first (the leaf is the allocating method)
 * @param className the allocated class, e.g. {@code byte[]} or {@code java.lang.String}
 * @param size      the sampled object's size in bytes
 * @param nanoTime  {@link System#nanoTime()} when it was taken
 */
public record AllocationEvent(List<Frame> stack, String className, long size, long nanoTime) {
}
