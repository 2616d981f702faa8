package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.PrometheusText;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.KnownAllocationsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /metrics is strict Prometheus text, covers the JVM and the sampler, and its counters only go up. */
@Timeout(120)
class MetricsTest {

    @Test
    void exposesWellFormedMonotonicMetrics() throws Exception {
        try (TargetJvm t = TargetJvm.builder(KnownAllocationsTarget.class).jvmArg("-Xmx1g")
                .agent("port=0,token=metrics-token").start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            String metricsUrl = base.replace("/debug/pprof", "/metrics");
            assertEquals(401, Http.get(metricsUrl).status(), "the token applies to /metrics");
            t.awaitStdout("ready", Duration.ofSeconds(30));

            Map<String, PrometheusText.Family> first = scrape(metricsUrl);
            t.command("bytes", Duration.ofSeconds(60));
            Map<String, PrometheusText.Family> second = scrape(metricsUrl);

            for (String family : new String[]{"memprof_heap_used_bytes", "memprof_heap_committed_bytes",
                    "memprof_heap_max_bytes", "memprof_gc_collections_total", "memprof_gc_time_seconds_total",
                    "memprof_sampler_samples_total", "memprof_sampler_dropped_samples_total",
                    "memprof_sampler_stacks", "memprof_sampler_slow_path_seconds_total",
                    "memprof_allocated_bytes_total", "memprof_leak_events_total", "memprof_heap_base_bytes",
                    "memprof_heap_growth_bytes_per_minute", "memprof_heap_growth_window_samples"}) {
                assertTrue(second.containsKey(family), "missing " + family);
            }
            for (PrometheusText.Family f : second.values()) {
                assertTrue(f.name().startsWith("memprof_"), f.name());
                if (f.type().equals("counter")) {
                    assertTrue(f.name().endsWith("_total"), "counter name " + f.name());
                    f.samples().forEach((labels, v) -> {
                        double before = first.get(f.name()).samples().getOrDefault(labels, 0.0);
                        assertTrue(v >= before, f.name() + "{" + labels + "} went down: " + before + " -> " + v);
                    });
                }
            }
            double samples = second.get("memprof_sampler_samples_total").samples().get("")
                    - first.get("memprof_sampler_samples_total").samples().get("");
            // 1 GiB at 512 KiB per sample is about 2000 samples
            assertTrue(samples > 1500 && samples < 2600, "samples for 1 GiB: " + samples);
            double allocated = second.get("memprof_allocated_bytes_total").samples().get("")
                    - first.get("memprof_allocated_bytes_total").samples().get("");
            // exact, not sampled: the known byte[1000]s (1016 bytes each) plus the little the target and the agent
            // allocate meanwhile; the JVM's count may lag by the part of a TLAB not yet retired (a few MiB at most)
            double known = KnownAllocationsTarget.BYTE_ARRAYS * 1016.0;
            assertTrue(allocated >= known - (8 << 20) && allocated < 1.1 * known,
                    "allocated for " + known + " known bytes: " + allocated);
        }
    }

    private static Map<String, PrometheusText.Family> scrape(String url) throws Exception {
        Http.Reply r = Http.get(url, Duration.ofSeconds(30), "Authorization", "Bearer metrics-token");
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.header("Content-Type"));
        return PrometheusText.parse(r.text());
    }
}
