package dev.memprof.e2e;

import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.PrometheusText;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.SteadyGrowthTarget;
import dev.memprof.json.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6, "growth trend": a target that retains a known 1 MiB per second reads a slope within 15% of 60 MiB/min
 * and a growth verdict; a flat one reads {@code stable}. Both run at once, with a 60-second window read after 90
 * seconds, so that the window holds about 60 base measurements (one a second) and none of the first half minute,
 * when the JVM and the agent warm up (about 1 MiB of heap on this small target).
 */
@Timeout(180)
class GrowthTrendTest {

    private static final double MIB = 1024 * 1024;
    private static final Duration READ_AFTER = Duration.ofSeconds(90);

    @Test
    void aKnownMebibytePerSecondReadsSixtyMebibytesPerMinuteAndAFlatHeapReadsStable() throws Exception {
        try (TargetJvm growing = start("grow"); TargetJvm flat = start("flat")) {
            String growingAh = ah(growing);
            String flatAh = ah(flat);
            Thread.sleep(READ_AFTER.toMillis());
            Map<String, Object> g = growth(growingAh);
            Map<String, Object> f = growth(flatAh);
            System.out.println("growth of the growing target on JDK " + TargetJvm.javaFeatureVersion() + ": " + g
                    + "\ngrowth of the flat target: " + f);

            double slope = number(g, "slope_bytes_per_minute") / MIB;
            assertTrue(Math.abs(slope - 60) <= 0.15 * 60, "slope " + slope + " MiB/min, expected 60 +- 15%: " + g);
            assertTrue(g.get("verdict").equals("growing") || g.get("verdict").equals("rapid"), g.toString());
            assertEquals(60, number(g, "window_seconds"));
            assertTrue(number(g, "samples") >= 40 && number(f, "samples") >= 40, "a base measurement a second");
            assertEquals("stable", f.get("verdict"), f.toString());
            assertTrue(Math.abs(number(f, "slope_bytes_per_minute")) < 6 * MIB, f.toString());

            Map<String, PrometheusText.Family> metrics = PrometheusText.parse(Http.get(
                    growing.awaitBase(Duration.ofSeconds(1)).replace("/debug/pprof", "/metrics")).text());
            double gauge = metrics.get("memprof_heap_growth_bytes_per_minute").samples().get("") / MIB;
            assertTrue(Math.abs(gauge - 60) <= 0.15 * 60, "the /metrics gauge agrees: " + gauge);
        }
    }

    private static TargetJvm start(String mode) throws Exception {
        TargetJvm t = TargetJvm.builder(SteadyGrowthTarget.class).jvmArg("-Xmx512m").jvmArg("-XX:+UseSerialGC")
                .agent("port=0,growthWindow=60").args(mode).start();
        t.awaitStdout("ready", Duration.ofSeconds(60));
        return t;
    }

    private static String ah(TargetJvm t) {
        return t.awaitBase(Duration.ofSeconds(60)).replace("/debug/pprof", "/ah");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> growth(String ah) throws Exception {
        Http.Reply r = Http.get(ah + "/memoryProfile/status");
        assertEquals(200, r.status(), r.text());
        return (Map<String, Object>) JsonParser.parseObject(r.text()).get("growth");
    }

    private static double number(Map<String, Object> m, String key) {
        return ((BigDecimal) m.get(key)).doubleValue();
    }
}
