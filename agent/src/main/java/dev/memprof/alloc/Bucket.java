package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.util.List;

/** Raw sampled counters for one (stack, allocated class). Updated only on the slow path, so a lock is cheap. */
final class Bucket {

    final List<Frame> stack;
    final String className;
    private long allocObjects;
    private long allocBytes;
    private long liveObjects;
    private long liveBytes;

    Bucket(List<Frame> stack, String className) {
        this.stack = stack;
        this.className = className;
    }

    synchronized void allocated(long size, boolean tracked) {
        allocObjects++;
        allocBytes += size;
        if (tracked) {
            liveObjects++;
            liveBytes += size;
        }
    }

    synchronized void freed(long size) {
        liveObjects--;
        liveBytes -= size;
    }

    synchronized HeapSnapshot.Bucket snapshot() {
        return new HeapSnapshot.Bucket(stack, className, allocObjects, allocBytes, liveObjects, liveBytes);
    }
}
