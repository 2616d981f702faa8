package dev.memprof.bench.startup;

/**
 * A short program, as start-up cost is felt by command-line tools and batch jobs: it starts, allocates 100 MiB in
 * {@code byte[8192]} (half of it retained until the end) and exits. bench/startup.sh times the whole process.
 */
public final class ShortProgram {

    private static volatile Object sink;

    private ShortProgram() {
    }

    public static void main(String[] args) {
        byte[][] kept = new byte[6400][];
        for (int i = 0; i < 12_800; i++) {
            byte[] b = new byte[8192];
            if ((i & 1) == 0) {
                kept[i >> 1] = b;
            }
            sink = b;
        }
        System.out.println("allocated 100 MiB, kept " + kept.length * 8192L / (1 << 20) + " MiB");
    }
}
