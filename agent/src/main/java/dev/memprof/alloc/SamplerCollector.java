package dev.memprof.alloc;

import dev.memprof.metrics.Exposition;
import dev.memprof.metrics.MetricsRegistry;

/** The allocation sampler's own figures: samples, what the caps dropped, table sizes and the slow path's cost. */
public final class SamplerCollector implements MetricsRegistry.Collector {

    private final AllocationSampler sampler;

    public SamplerCollector(AllocationSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void collect(Exposition out) {
        AllocationSampler.Stats s = sampler.stats();
        out.family("memprof_sampler_samples_total", Exposition.Type.COUNTER,
                "Allocation samples recorded for the application.").sample(s.samples());
        out.family("memprof_sampler_own_samples_total", Exposition.Type.COUNTER,
                "Allocation samples on the agent's own threads, not recorded.").sample(s.ownSamples());
        out.family("memprof_sampler_dropped_samples_total", Exposition.Type.COUNTER,
                "Samples folded into the truncated stack because the stack table was full.")
                .sample(s.truncatedSamples());
        out.family("memprof_sampler_untracked_samples_total", Exposition.Type.COUNTER,
                "Samples not tracked as live because the live set was full.").sample(s.untracked());
        out.family("memprof_sampler_stacks", Exposition.Type.GAUGE, "Distinct stacks in the stack table.")
                .sample(s.stacks());
        out.family("memprof_sampler_live_tracked", Exposition.Type.GAUGE,
                "Sampled objects currently tracked as live.").sample(s.liveTracked());
        out.family("memprof_sampler_slow_path_seconds_total", Exposition.Type.COUNTER,
                "Time the agent spent recording samples on application threads.")
                .sample(s.slowPathNanos() / 1e9);
    }
}
