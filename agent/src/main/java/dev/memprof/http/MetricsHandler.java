package dev.memprof.http;

import dev.memprof.metrics.MetricsRegistry;

/** {@code GET /metrics}: the Prometheus text exposition format, version 0.0.4. */
final class MetricsHandler implements Handler {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsRegistry registry;

    MetricsHandler(MetricsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response handle(Request r) {
        return new Response(200, CONTENT_TYPE, registry.scrape());
    }
}
