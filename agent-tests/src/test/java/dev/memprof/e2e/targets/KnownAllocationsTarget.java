package dev.memprof.e2e.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocates known amounts in known methods, on command (one word per stdin line; prints "done <word>"):
 * <ul>
 *   <li>{@code bytes}: {@link #BYTE_ARRAYS} arrays of {@code byte[1000]} in {@link #churnByteArrays()}, all garbage;</li>
 *   <li>{@code points}: {@link #POINTS} {@link Point} objects in {@link #churnPoints()}, all garbage;</li>
 *   <li>{@code retain}: {@link #RETAINED_ARRAYS} arrays of {@code byte[4096]} kept alive by {@link #retain()};</li>
 *   <li>{@code jdk}: allocations inside the JDK (StringBuilder.toString, ArrayList.grow, HashMap.resize) from
 *       {@link #useJdkCollections()};</li>
 *   <li>{@code loader}: a class from a custom class loader allocates {@code byte[2048]} arrays.</li>
 * </ul>
 * Exact sizes with compressed oops: byte[1000] = 1016 bytes, byte[4096] = 4112 bytes, Point = 40 bytes.
 */
public final class KnownAllocationsTarget {

    public static final int BYTE_ARRAYS = 1 << 20;          // x 1016 B = 1.0 GiB
    public static final int POINTS = 27_000_000;             // x 40 B = 1.0 GiB
    public static final int RETAINED_ARRAYS = 122_400;       // x 4112 B = 480 MiB

    /** A small object of known class and size: 12-byte header + three longs = 36, aligned to 40 bytes. */
    public static final class Point {
        final long x;
        final long y;
        final long z;

        Point(long x, long y, long z) {
            this.x = x;
            this.y = y;
            this.z = z;
        }
    }

    /** Keeps each allocation observable so the JIT cannot remove it. */
    public static volatile Object sink;
    static final List<byte[]> RETAINED = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "bytes" -> churnByteArrays();
                case "points" -> churnPoints();
                case "retain" -> retain();
                case "jdk" -> useJdkCollections();
                case "loader" -> CustomLoaded.run();
                case "exit" -> System.exit(0);
                default -> System.out.println("unknown " + line);
            }
            System.out.println("done " + line.trim());
        }
    }

    static void churnByteArrays() {
        for (int i = 0; i < BYTE_ARRAYS; i++) {
            sink = new byte[1000];
        }
    }

    static void churnPoints() {
        for (int i = 0; i < POINTS; i++) {
            sink = new Point(i, i, i);
        }
    }

    static void retain() {
        for (int i = 0; i < RETAINED_ARRAYS; i++) {
            RETAINED.add(new byte[4096]);
        }
    }

    static void useJdkCollections() {
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                sb.append("item").append(i).append(',');
            }
            sink = sb.toString();
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                list.add(i & 127);
            }
            sink = list;
            Map<Integer, Integer> map = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                map.put(i, i);
            }
            sink = map;
        }
    }

    /** Loads {@code CustomLoaded$Work} through a fresh class loader and runs it. */
    static final class CustomLoaded {
        static void run() throws Exception {
            byte[] bytes;
            String name = Work.class.getName();
            try (var s = KnownAllocationsTarget.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
                bytes = s.readAllBytes();
            }
            ClassLoader loader = new ClassLoader("custom-loader", null) {
                @Override
                protected Class<?> findClass(String n) throws ClassNotFoundException {
                    if (n.equals(name)) {
                        return defineClass(n, bytes, 0, bytes.length);
                    }
                    throw new ClassNotFoundException(n);
                }
            };
            Class<?> c = loader.loadClass(name);
            ((Runnable) c.getDeclaredConstructor().newInstance()).run();
        }
    }

    /** Allocates 256 MiB of byte[2048] when loaded by the custom loader. */
    public static final class Work implements Runnable {
        public static volatile Object keep;

        @Override
        public void run() {
            for (int i = 0; i < 128 * 1024; i++) {
                keep = new byte[2048];
            }
        }
    }
}
