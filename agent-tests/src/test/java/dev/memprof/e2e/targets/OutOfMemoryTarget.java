package dev.memprof.e2e.targets;

import java.util.ArrayList;
import java.util.List;

/** Retains memory until the heap runs out; the JVM then ends main with OutOfMemoryError, exit status 1. */
public final class OutOfMemoryTarget {

    public static void main(String[] args) {
        List<long[]> hoard = new ArrayList<>();
        System.out.println("hoarding");
        while (true) {
            hoard.add(new long[1024]);
        }
    }

    private OutOfMemoryTarget() {
    }
}
