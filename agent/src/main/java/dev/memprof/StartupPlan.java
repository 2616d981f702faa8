package dev.memprof;

import dev.memprof.alloc.AllocationRewriter;
import dev.memprof.alloc.AllocationSampler;
import dev.memprof.http.HttpServer;
import dev.memprof.http.Router;
import dev.memprof.instrument.Pacing;
import dev.memprof.log.LogLevel;
import dev.memprof.metrics.MetricsRegistry;
import dev.memprof.threads.AgentThreads;
import dev.memprof.threads.ThreadCreateInstrumentation;
import dev.memprof.threads.ThreadCreateRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.instrument.Instrumentation;

/**
 * The agent's start-up, in order (docs/architecture.md, "Start-up"). Start-up is the application's time, so only
 * the first two steps run before its {@code main} (or, after {@code attach}, before the attach returns):
 * <ol>
 *   <li>prepare: log level, argument warnings, library switches;</li>
 *   <li>sampling: the rewriter for classes defined from now on, and the hook armed, so that every allocation from
 *       here on can be sampled; and the {@code Thread.start} hook, so that threadcreate sees main's first threads;</li>
 * </ol>
 * and the rest on one agent thread ({@code memprof-start}) beside the application:
 * <ol start="3">
 *   <li>parts: each under its own guard, a handle or null, none registering anything ({@link AgentParts});</li>
 *   <li>wiring: routes, metrics and the parts that feed each other, in one place ({@link Wiring});</li>
 *   <li>bind: the server; then {@code memprof.url} and the {@code listening} line, which therefore mean that the
 *       server answers;</li>
 *   <li>background work: rewriting the classes loaded before the agent, paced after {@code attach} so that a live
 *       service keeps serving; a log line when coverage is complete.</li>
 * </ol>
 * Every agent thread is a daemon: the application's exit never waits for any of this.
 */
final class StartupPlan {

    /** Looked up when first needed: slf4j's set-up costs tens of ms, which must not fall before main. */
    private static Logger log() {
        return LoggerFactory.getLogger(StartupPlan.class);
    }

    private StartupPlan() {
    }

    static void start(AgentArgs args, Instrumentation inst, boolean attached) {
        // 1. prepare
        LogLevel.setThreshold(args.log());
        LibrarySwitches.apply();
        // 2. thread starts and sampling, at once. The Thread.start hook goes first: retransforming Thread before the
        // allocation rewriter is registered spares a rewrite of that big class before main.
        ThreadCreateRecorder threadCreates = new ThreadCreateRecorder(args.depth());
        AgentParts.attempt("thread-creation tracking", () -> ThreadCreateInstrumentation.install(inst, threadCreates));
        AllocationSampler sampler = new AllocationSampler(args.rate(), args.depth(), inst,
                AllocationSampler.Limits.DEFAULT);
        AllocationRewriter rewriter = args.rate() <= 0 ? null
                : AgentParts.guarded("allocation sampling", () -> AllocationRewriter.start(inst, sampler));
        // 3-6 beside the application
        AgentThreads.newThread("start",
                () -> besideTheApplication(args, inst, attached, sampler, rewriter, threadCreates)).start();
    }

    private static void besideTheApplication(AgentArgs args, Instrumentation inst, boolean attached,
                                             AllocationSampler sampler, AllocationRewriter rewriter,
                                             ThreadCreateRecorder threadCreates) {
        try {
            args.warnings().forEach(log()::warn); // step 1's, logged here: slf4j's set-up is not for main's time
            serve(args, inst, sampler, rewriter, threadCreates);
        } catch (OutOfMemoryError e) {
            log().debug("agent start-up ended: the heap ran out"); // the application's own error says so
        } catch (Throwable t) {
            log().error("agent start-up failed; the application continues", t);
        } finally {
            // 6. background work, whatever became of the rest: sampling is on, and needs its coverage
            if (rewriter != null) {
                AgentParts.attempt("rewriting the classes loaded before the agent",
                        () -> coverPreloadedClasses(inst, rewriter, attached));
            }
        }
    }

    /** Steps 3 to 5. */
    private static void serve(AgentArgs args, Instrumentation inst, AllocationSampler sampler,
                              AllocationRewriter rewriter, ThreadCreateRecorder threadCreates) {
        ShutdownActions atExit = ShutdownActions.register();
        // 3. parts
        AgentParts parts = new AgentParts(args, inst, sampler, rewriter, threadCreates);
        if (parts.jfr != null) {
            atExit.closeAtExit(parts.jfr);
        }
        // 4. wiring
        Wiring.joinParts(parts);
        MetricsRegistry metrics = Wiring.metrics(parts);
        Router router = Wiring.routes(args, parts, metrics);
        // 5. bind
        HttpServer server = AgentServer.bind(args, router);
        if (server != null) {
            atExit.closeAtExit(server::stop);
            AgentServer.announce(args, server);
        }
    }

    private static void coverPreloadedClasses(Instrumentation inst, AllocationRewriter rewriter, boolean attached) {
        long start = System.nanoTime();
        rewriter.rewritePreloadedClasses(inst, attached ? Pacing.LIVE : Pacing.STARTUP);
        if (rewriter.coverage().complete()) {
            log().info("allocation sampling covers every class: the {} loaded before the agent or by its start-up"
                            + " were rewritten in {} ms",
                    rewriter.coverage().total(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
