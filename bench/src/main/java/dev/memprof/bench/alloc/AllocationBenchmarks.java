package dev.memprof.bench.alloc;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Allocation-heavy micro workloads: each operation allocates many objects whose sizes and shapes resemble what
 * applications allocate. Everything allocated escapes (into a returned value or a {@link Blackhole}), except in
 * {@link #nonEscaping}, which measures whether the agent's hook stops escape analysis from removing allocations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class AllocationBenchmarks {

    /** A small object of known shape (16-byte header plus two fields). */
    static final class Node {
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    record Point(int x, int y) {
    }

    private static final int SIZES = 1024;
    private final int[] arraySizes = new int[SIZES];
    private int cursor;

    @Setup
    public void setup() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SIZES; i++) {
            // mostly small buffers, now and then a large one, like I/O and serialization code
            arraySizes[i] = random.nextInt(10) < 8 ? 16 + random.nextInt(240) : 1024 + random.nextInt(15 * 1024);
        }
    }

    /** A linked list of 128 small objects. */
    @Benchmark
    public Node smallObjects() {
        Node head = null;
        for (int i = 0; i < 128; i++) {
            head = new Node(i, head);
        }
        return head;
    }

    /** 32 byte arrays of mixed sizes (16 B to 16 KiB). */
    @Benchmark
    public void byteArrays(Blackhole bh) {
        for (int i = 0; i < 32; i++) {
            byte[] b = new byte[arraySizes[cursor++ & (SIZES - 1)]];
            b[0] = (byte) i;
            bh.consume(b);
        }
    }

    /** An ArrayList and a HashMap grown from empty (boxed keys above the Integer cache, table resizes). */
    @Benchmark
    public int collectionsGrowth() {
        List<Integer> list = new ArrayList<>();
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Integer boxed = 1000 + i;
            list.add(boxed);
            map.put(boxed, i);
        }
        return list.size() + map.size();
    }

    /** StringBuilder appends, toString, and indy string concatenation. */
    @Benchmark
    public int stringBuilding() {
        StringBuilder sb = new StringBuilder();
        int total = 0;
        for (int i = 0; i < 32; i++) {
            String entry = "key" + i + "=" + (i * 31L);
            sb.append(entry).append(';');
            total += entry.length();
        }
        return sb.toString().length() + total;
    }

    /** Objects that never escape: without a hook that takes them as an argument, C2 scalar-replaces them. */
    @Benchmark
    public long nonEscaping() {
        long sum = 0;
        for (int i = 0; i < 128; i++) {
            Point p = new Point(i, i + 1);
            sum += (long) p.x() * p.y();
        }
        return sum;
    }
}
