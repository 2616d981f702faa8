package dev.memprof.memwatch;

import dev.memprof.metrics.Exposition;
import dev.memprof.metrics.MetricsRegistry;

/** The leak watch's figures for {@code /metrics}: leak events, the latest base and the growth trend. */
public final class MemwatchCollector implements MetricsRegistry.Collector {

    private final MemWatch memwatch;

    public MemwatchCollector(MemWatch memwatch) {
        this.memwatch = memwatch;
    }

    @Override
    public void collect(Exposition out) {
        Status s = memwatch.status();
        GrowthTrend.View g = s.growth();
        out.family("memprof_leak_events_total", Exposition.Type.COUNTER,
                "Leak events raised by the leak watch.").sample(memwatch.leakEvents());
        out.family("memprof_heap_base_bytes", Exposition.Type.GAUGE,
                "The latest base measurement: heap in use after a collection that reclaimed the old generation "
                        + "(0 before the first).").sample(s.lastGC().currentBase());
        out.family("memprof_heap_growth_bytes_per_minute", Exposition.Type.GAUGE,
                "Least-squares slope of the base over the growth window (0 while there are too few measurements).")
                .sample(Math.round(g.slopeBytesPerMinute()));
        out.family("memprof_heap_growth_window_samples", Exposition.Type.GAUGE,
                "Base measurements in the growth window.").sample(g.samples());
    }
}
