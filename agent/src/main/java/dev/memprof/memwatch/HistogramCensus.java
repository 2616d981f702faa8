package dev.memprof.memwatch;

import dev.memprof.pprof.TypeNames;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A census from the JVM's class histogram (the DiagnosticCommand MBean's {@code gcClassHistogram}, as
 * {@code jcmd GC.class_histogram}). Exact, but the JVM runs a full, stop-the-world GC to take it: it is only ever
 * used when a client asks for {@code ?mode=histogram}, never to decide a leak.
 */
public final class HistogramCensus implements CensusSource {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final long TIMEOUT_SECONDS = 60;

    private final ExecutorService runner;

    /** {@code runner} runs the command, so that a caller waits at most {@value #TIMEOUT_SECONDS} s. */
    public HistogramCensus(ExecutorService runner) {
        this.runner = runner;
    }

    @Override
    public Census take() throws MemwatchException {
        try {
            Future<String> text = runner.submit(HistogramCensus::histogramText);
            return parse(text.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), Instant.now());
        } catch (RejectedExecutionException e) {
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE, "a class histogram is already running");
        } catch (TimeoutException e) {
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE,
                    "the class histogram took longer than " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE, "interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MemwatchException(MemwatchException.Kind.UNAVAILABLE,
                    "the class histogram failed: " + cause.getClass().getSimpleName());
        }
    }

    private static String histogramText() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
        return (String) server.invoke(dcmd, "gcClassHistogram", new Object[]{new String[0]},
                new String[]{String[].class.getName()});
    }

    static Census parse(String text, Instant time) {
        Map<String, Census.Counts> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                classes.merge(TypeNames.sourceName(m.group(3)), new Census.Counts(Long.parseLong(m.group(1)),
                        Long.parseLong(m.group(2)), -1), Census.Counts::plus);
            }
        }
        return new Census(time, classes);
    }
}
