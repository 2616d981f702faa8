package dev.memprof;

import dev.memprof.alloc.AllocationRewriter;
import dev.memprof.alloc.AllocationSampler;
import dev.memprof.alloc.HeapProfile;
import dev.memprof.capture.HeapCaptures;
import dev.memprof.jfr.JfrService;
import dev.memprof.memwatch.GcNotifications;
import dev.memprof.memwatch.HeapFigures;
import dev.memprof.memwatch.HeapPools;
import dev.memprof.memwatch.HistogramCensus;
import dev.memprof.memwatch.MemWatch;
import dev.memprof.memwatch.SampledCensus;
import dev.memprof.sessions.AllocatedBytes;
import dev.memprof.sessions.HeapSummaries;
import dev.memprof.sessions.SessionRegistry;
import dev.memprof.sessions.ThreadExitInstrumentation;
import dev.memprof.threads.AgentThreads;
import dev.memprof.threads.ThreadCreateRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's parts, each started under its own guard: a handle, or null when the part is off or failed to start
 * (one log line). Starting a part registers nothing: {@link Wiring} hangs them on routes and metrics, and
 * {@link StartupPlan} orders it all.
 */
final class AgentParts {

    /** Looked up when first needed: slf4j's set-up costs tens of ms, which must not fall before main. */
    private static Logger log() {
        return LoggerFactory.getLogger(AgentParts.class);
    }

    /** The profiling sessions and what their heap summaries read. */
    record Sessions(SessionRegistry registry, HeapSummaries summaries, AllocatedBytes allocated) {
    }

    final AllocationSampler sampler;
    /** Null when sampling is off (rate=0) or failed to start. */
    final AllocationRewriter rewriter;
    final HeapProfile heap;
    final HeapProfile allocs;
    final ThreadCreateRecorder threadCreates;
    final MemWatch memwatch;
    final Sessions sessions;
    final HeapCaptures captures;
    final JfrService jfr;

    /**
     * Starts the parts that run beside the application; the sampler, its rewriter and the thread-start recorder
     * were started before main.
     */
    AgentParts(AgentArgs args, Instrumentation inst, AllocationSampler sampler, AllocationRewriter rewriter,
               ThreadCreateRecorder threadCreates) {
        this.sampler = sampler;
        this.rewriter = rewriter;
        Supplier<String> caveat = rewriter == null ? () -> null : rewriter.coverage()::caveat;
        this.heap = HeapProfile.heap(sampler, caveat);
        this.allocs = HeapProfile.allocs(sampler, caveat);
        this.threadCreates = threadCreates;
        this.memwatch = guarded("leak watch", () -> leakWatch(args, rewriter == null ? null : sampler));
        this.sessions = guarded("profiling sessions", () -> sessions(args, inst, rewriter == null ? null : sampler));
        this.captures = guarded("heap captures",
                () -> HeapCaptures.start(args.captures(), heap, rewriter != null, memwatch != null));
        this.jfr = args.jfr() ? guarded("JFR profiling", () -> jfr(inst)) : null;
        if (!args.jfr()) {
            log().info("jfr=off: the profile, trace, jfr, block and mutex routes are off");
        }
    }

    private static MemWatch leakWatch(AgentArgs args, AllocationSampler sampling) {
        ThreadPoolExecutor histogramRunner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), AgentThreads.single("histogram"));
        MemWatch memwatch = MemWatch.forPlatform(sampling == null ? null : new SampledCensus(sampling),
                new HistogramCensus(histogramRunner), Duration.ofSeconds(args.growthWindowSeconds()));
        GcNotifications.install(HeapPools.ofPlatform(), memwatch::onGc);
        return memwatch;
    }

    private Sessions sessions(AgentArgs args, Instrumentation inst, AllocationSampler sampling) {
        AllocatedBytes allocated = new AllocatedBytes(!Boolean.getBoolean("memprof.ownAllocationCount"));
        if (!allocated.jvmKeepsTotal()) {
            attempt("counting the allocations of ended threads",
                    () -> ThreadExitInstrumentation.install(inst, allocated));
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, AgentThreads.single("sessions"));
        timer.setRemoveOnCancelPolicy(true);
        HeapFigures heapFigures = new HeapFigures(memwatch == null ? () -> null : memwatch::lastCollection);
        return new Sessions(new SessionRegistry(sampling, timer), new HeapSummaries(allocated, heapFigures),
                allocated);
    }

    /** The continuous ring recording; an unwritable temp directory turns JFR off. */
    private static JfrService jfr(Instrumentation inst) {
        JfrService.readEventsFast(inst);
        try {
            return JfrService.start();
        } catch (IOException e) {
            log().warn("JFR features are off: cannot create a temporary directory ({})", e.getMessage());
            return null;
        }
    }

    /** Runs one step that has no handle; a failure is logged once and the step is off. */
    static void attempt(String what, Runnable step) {
        guarded(what, () -> {
            step.run();
            return null;
        });
    }

    /** Runs one part's start; a failure is logged once and the part is off (null). */
    static <T> T guarded(String what, Supplier<T> part) {
        try {
            return part.get();
        } catch (OutOfMemoryError e) {
            // The parts start beside the application: an application that fills the heap in its first lines gets
            // its own OutOfMemoryError, and the host's stderr stays as it would be without the agent.
            log().debug("{} is off: the heap ran out while it started", what);
            return null;
        } catch (Throwable t) {
            log().warn("{} is off: it failed to start", what, t);
            return null;
        }
    }
}
