package dev.memprof.e2e.targets;

/**
 * Allocates from 2^17 distinct call stacks (a binary tree of calls, 17 levels deep) so that the agent's stack table
 * fills up. It retains nothing itself, and prints the heap in use after full GCs ("heap N") before and after, so a
 * test can bound the agent's own memory.
 */
public final class DistinctStacksTarget {

    static final int LEVELS = 17;
    public static volatile Object sink;

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.in.read();
        System.out.println("heap-before " + heapAfterGc());
        for (int path = 0; path < (1 << LEVELS); path++) {
            walk(path, LEVELS);
        }
        sink = null;
        System.out.println("heap-after " + heapAfterGc());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // collect, let weak references be processed, collect again
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    static void walk(int path, int level) {
        if (level == 0) {
            sink = new byte[64 * 1024];
        } else if ((path & (1 << (level - 1))) == 0) {
            left(path, level - 1);
        } else {
            right(path, level - 1);
        }
    }

    static void left(int path, int level) {
        walk(path, level);
    }

    static void right(int path, int level) {
        walk(path, level);
    }
}
