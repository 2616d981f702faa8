package dev.memprof.memwatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GrowthTrendTest {

    private static final long MB = 1024 * 1024;
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theSlopeOfAnExactLineIsItsGrowthPerMinute() {
        GrowthTrend g = new GrowthTrend();
        for (int i = 0; i < 20; i++) { // every 5 s, 1 MiB per second on a 200 MiB base
            g.add(new BaseMeasurement(T0.plusSeconds(5L * i), 200 * MB + 5L * i * MB));
        }
        GrowthTrend.View v = g.view();
        assertEquals(60.0 * MB, v.slopeBytesPerMinute(), 1.0);
        assertEquals(20, v.samples());
        assertEquals("rapid", v.verdict(), "30% of the base per minute");
    }

    @Test
    void fewerThanThreePointsAreUnknown() {
        GrowthTrend g = new GrowthTrend();
        assertEquals("unknown", g.view().verdict());
        g.add(new BaseMeasurement(T0, 100 * MB));
        g.add(new BaseMeasurement(T0.plusSeconds(10), 200 * MB));
        GrowthTrend.View v = g.view();
        assertEquals("unknown", v.verdict());
        assertEquals(0, v.slopeBytesPerMinute());
    }

    @Test
    void onlyTheWindowCounts() {
        GrowthTrend g = new GrowthTrend(Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) { // a fast rise that ended long ago
            g.add(new BaseMeasurement(T0.plusSeconds(10L * i), 100 * MB + 50L * i * MB));
        }
        for (int i = 0; i <= 20; i++) { // then flat for 10 minutes
            g.add(new BaseMeasurement(T0.plusSeconds(1000 + 30L * i), 600 * MB));
        }
        GrowthTrend.View v = g.view();
        assertEquals(21, v.samples());
        assertEquals(0, v.slopeBytesPerMinute(), 1e-6);
        assertEquals("stable", v.verdict());
    }

    @Test
    void noiseAroundAFlatBaseIsStable() {
        Random rnd = new Random(7);
        GrowthTrend g = new GrowthTrend();
        for (int i = 0; i < 40; i++) { // +-10% scatter, as a G1 old cycle's lowest point shows
            g.add(new BaseMeasurement(T0.plusSeconds(15L * i), (long) (300 * MB * (1 + 0.2 * (rnd.nextDouble() - 0.5)))));
        }
        assertEquals("stable", g.view().verdict(), g.toString());
    }

    @Test
    void verdictsFollowTheRelativeGrowthPerMinute() {
        double base = 1000.0 * MB;
        assertEquals("stable", GrowthTrend.verdict(0.04 / 100 * base, 0, base));
        assertEquals("slow", GrowthTrend.verdict(0.2 / 100 * base, 0, base));
        assertEquals("growing", GrowthTrend.verdict(2.0 / 100 * base, 0, base));
        assertEquals("rapid", GrowthTrend.verdict(6.0 / 100 * base, 0, base));
        assertEquals("stable", GrowthTrend.verdict(-50.0 * MB, 0, base), "falling");
        assertEquals("stable", GrowthTrend.verdict(2.0 / 100 * base, 20.0 / 100 * base, base), "not significant");
        assertEquals("stable", GrowthTrend.verdict(200 * 1024, 0, 10 * MB), "under the 256 KiB/min floor");
    }

    @Test
    void thePointsAreCapped() {
        GrowthTrend g = new GrowthTrend(Duration.ofDays(1));
        for (int i = 0; i < 5000; i++) {
            g.add(new BaseMeasurement(T0.plusSeconds(i), 100 * MB + i * MB / 60));
        }
        GrowthTrend.View v = g.view();
        assertEquals(GrowthTrend.MAX_POINTS, v.samples());
        assertEquals(MB, v.slopeBytesPerMinute(), 1.0);
    }
}
