package dev.memprof.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The collectors that make up {@code /metrics}; each part of the agent registers its own. */
public final class MetricsRegistry {

    /** Writes one or more families. Must be cheap: it runs on every scrape. */
    @FunctionalInterface
    public interface Collector {
        void collect(Exposition out);
    }

    private final List<Collector> collectors = new CopyOnWriteArrayList<>();

    public MetricsRegistry register(Collector c) {
        collectors.add(c);
        return this;
    }

    public String scrape() {
        Exposition out = new Exposition();
        for (Collector c : collectors) {
            c.collect(out);
        }
        return out.text();
    }
}
