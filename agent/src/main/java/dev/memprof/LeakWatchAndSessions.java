package dev.memprof;

import dev.memprof.threads.AgentThreads;
import dev.memprof.alloc.AllocationSource;
import dev.memprof.http.MemoryProfileHandlers;
import dev.memprof.http.Routes;
import dev.memprof.http.SessionHandlers;
import dev.memprof.memwatch.GcNotifications;
import dev.memprof.memwatch.HeapFigures;
import dev.memprof.memwatch.HeapPools;
import dev.memprof.memwatch.HistogramCensus;
import dev.memprof.memwatch.MemWatch;
import dev.memprof.memwatch.MemwatchCollector;
import dev.memprof.memwatch.SampledCensus;
import dev.memprof.metrics.MetricsRegistry;
import dev.memprof.sessions.AllocatedBytes;
import dev.memprof.sessions.AllocatedBytesCollector;
import dev.memprof.sessions.HeapSummaries;
import dev.memprof.sessions.SessionRegistry;
import dev.memprof.sessions.ThreadExitInstrumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Starts the leak watch (GC notifications, /ah routes) and the profiling sessions (/api/v1 routes), with metrics. */
final class LeakWatchAndSessions {

    private static final Logger log = LoggerFactory.getLogger(LeakWatchAndSessions.class);

    private LeakWatchAndSessions() {
    }

    static MemWatch start(AgentArgs args, Instrumentation inst, AllocationSource allocations, Routes routes,
                          MetricsRegistry metrics) {
        ThreadPoolExecutor histogramRunner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), AgentThreads.single("histogram"));
        MemWatch memwatch = MemWatch.forPlatform(allocations == null ? null : new SampledCensus(allocations),
                new HistogramCensus(histogramRunner), Duration.ofSeconds(args.growthWindowSeconds()));
        GcNotifications.install(HeapPools.ofPlatform(), memwatch::onGc);
        MemoryProfileHandlers.register(routes.router(), memwatch);
        metrics.register(new MemwatchCollector(memwatch));

        AllocatedBytes allocated = new AllocatedBytes(!Boolean.getBoolean("memprof.ownAllocationCount"));
        if (!allocated.jvmKeepsTotal()) {
            try {
                ThreadExitInstrumentation.install(inst, allocated);
            } catch (RuntimeException e) {
                log.warn("counting the allocations of ended threads is off: it failed to start", e);
            }
        }
        metrics.register(new AllocatedBytesCollector(allocated));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, AgentThreads.single("sessions"));
        timer.setRemoveOnCancelPolicy(true);
        SessionRegistry sessions = new SessionRegistry(allocations, timer);
        SessionHandlers.register(routes, sessions,
                new HeapSummaries(allocated, new HeapFigures(memwatch::lastCollection)), args.maxSeconds());
        return memwatch;
    }
}
