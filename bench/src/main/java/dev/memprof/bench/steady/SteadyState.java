package dev.memprof.bench.steady;

import dev.memprof.bench.alloc.AllocationBenchmarks;
import dev.memprof.bench.realistic.H2Workload;
import dev.memprof.bench.realistic.JsonBenchmark;
import org.openjdk.jmh.infra.Blackhole;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Steady-state throughput of one workload in ops per second of the benchmark thread's own CPU time, which a loaded
 * machine disturbs far less than wall-clock throughput (time slices lost to other processes do not count).
 * With the agent it first waits until the agent has rewritten the JDK's classes and started sampling
 * ({@code memprof.url} is set), then warms up for {@code warmup} one-second iterations and measures
 * {@code iterations} more. Prints the median and every measured iteration.
 *
 * <pre>java [-javaagent:memprof.jar=port=0] -cp benchmarks.jar dev.memprof.bench.steady.SteadyState h2 20 5</pre>
 *
 * Workloads: small, bytes, coll, str, noesc (the AllocationBenchmarks cases), json, h2.
 */
public final class SteadyState {

    private static volatile long sink;

    private SteadyState() {
    }

    public static void main(String[] args) throws Exception {
        String workload = args[0];
        int warmup = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        boolean agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent"));
        long t0 = System.nanoTime();
        while (agent && System.getProperty("memprof.url") == null && System.nanoTime() - t0 < 120_000_000_000L) {
            Thread.sleep(50);
        }
        Callable<Long> op = workload(workload);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] measured = new double[iterations];
        long ops = 0;
        long allocated0 = 0;
        long cpuMeasured = 0;
        for (int i = 0; i < warmup + iterations; i++) {
            if (i == warmup) {
                allocated0 = allocatedBytes(mx);
            }
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long n = 0;
            long s = 0;
            while (System.nanoTime() - wall0 < 1_000_000_000L) {
                for (int k = 0; k < 16; k++) {
                    s += op.call();
                }
                n += 16;
            }
            sink += s;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            if (i >= warmup) {
                measured[i - warmup] = n / (cpu / 1e9);
                ops += n;
                cpuMeasured += cpu;
            }
        }
        long allocated = allocatedBytes(mx) - allocated0;
        double[] sorted = measured.clone();
        Arrays.sort(sorted);
        System.out.printf("RESULT %s median %.1f ops/cpu-s  all %s%n", workload, sorted[iterations / 2],
                Arrays.toString(Arrays.stream(measured).mapToLong(Math::round).toArray()));
        // the allocation rate decides how often the sampler's slow path runs (about once per 512 KiB)
        System.out.printf("ALLOC %s %.0f bytes/op, %.0f MB per cpu-second%n", workload, allocated / (double) ops,
                allocated / (cpuMeasured / 1e9) / 1e6);
        System.out.printf("CPU %s %.2f s on the benchmark thread in all%n", workload, mx.getCurrentThreadCpuTime() / 1e9);
        String url = System.getProperty("memprof.url");
        if (url != null) {
            URI metrics = URI.create(url).resolve("/metrics");
            try (InputStream in = metrics.toURL().openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> l.startsWith("memprof_sampler_samples_total")
                                || l.startsWith("memprof_sampler_slow_path_seconds_total"))
                        .forEach(l -> System.out.println("METRIC " + l));
            }
        }
    }

    private static long allocatedBytes(ThreadMXBean mx) {
        return mx instanceof com.sun.management.ThreadMXBean sun ? sun.getCurrentThreadAllocatedBytes() : 0;
    }

    private static Callable<Long> workload(String name) throws Exception {
        switch (name) {
            case "h2" -> {
                H2Workload w = H2Workload.open("steady");
                return w::transaction;
            }
            case "json" -> {
                JsonBenchmark b = new JsonBenchmark();
                b.setup();
                return () -> (long) b.roundTrip();
            }
            default -> {
                AllocationBenchmarks b = new AllocationBenchmarks();
                b.setup();
                Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes"
                        + " directly is dangerous.");
                return switch (name) {
                    case "small" -> () -> (long) System.identityHashCode(b.smallObjects());
                    case "bytes" -> () -> {
                        b.byteArrays(bh);
                        return 0L;
                    };
                    case "coll" -> () -> (long) b.collectionsGrowth();
                    case "str" -> () -> (long) b.stringBuilding();
                    case "noesc" -> b::nonEscaping;
                    default -> throw new IllegalArgumentException("unknown workload " + name);
                };
            }
        }
    }
}
