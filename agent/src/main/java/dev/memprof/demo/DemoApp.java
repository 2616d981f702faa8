package dev.memprof.demo;

import dev.memprof.Agent;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bundled demo: a small "service" that gives every profile something to show. It allocates garbage and keeps
 * a bounded cache (heap, allocs), burns CPU (profile), contends on a monitor (mutex) and parks on a lock (block).
 * It runs until stopped.
 */
public final class DemoApp {

    private static final int CACHE_ENTRIES = 20_000;

    private final Map<Integer, byte[]> cache = new LinkedHashMap<>(CACHE_ENTRIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };
    private final Object ledger = new Object();
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition opened = gate.newCondition();
    private volatile long requests;

    /**
     * The agent's URL, once it listens. Under {@code -javaagent} that comes a few seconds after {@code main} starts
     * (the agent rewrites the JDK's classes first), so the demo waits for it rather than say there is no agent.
     */
    private static String awaitAgentUrl(boolean agentOnCommandLine) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(agentOnCommandLine ? 60 : 0);
        String url = System.getProperty(Agent.URL_PROPERTY);
        while (url == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            url = System.getProperty(Agent.URL_PROPERTY);
        }
        return url;
    }

    private static boolean agentOnCommandLine() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:") && a.contains("memprof"));
    }

    public static void main(String[] args) throws InterruptedException {
        DemoApp app = new DemoApp();
        app.start();
        System.out.println("memprof demo is running; press Ctrl-C to stop.");
        boolean agentOnCommandLine = agentOnCommandLine();
        String url = awaitAgentUrl(agentOnCommandLine);
        if (url != null) {
            String base = url.replaceAll("/+$", "");
            System.out.println("Try:");
            System.out.println("  go tool pprof " + base + "/heap");
            System.out.println("  go tool pprof -top " + base + "/goroutine");
            System.out.println("  curl " + base + "/goroutine?debug=2");
        } else if (agentOnCommandLine) {
            System.out.println("(the agent is not serving: its log line above says why)");
        } else {
            System.out.println("(no agent: start with -javaagent:agent/target/memprof.jar=port=6060)");
        }
        while (true) {
            TimeUnit.SECONDS.sleep(10);
            System.out.println("demo: " + app.requests + " requests handled");
        }
    }

    private void start() {
        daemon("demo-request-handler", this::handleRequests);
        daemon("demo-cpu-burner", this::burnCpu);
        daemon("demo-ledger-1", this::updateLedger);
        daemon("demo-ledger-2", this::updateLedger);
        daemon("demo-gate-waiter", this::waitAtGate);
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Short-lived garbage plus a bounded cache whose entries are replaced at random. */
    private void handleRequests() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
            String response = renderResponse(rnd.nextInt(1_000));
            synchronized (cache) {
                cache.put(rnd.nextInt(CACHE_ENTRIES * 2), cacheEntry(response));
            }
            requests++;
            if (requests % 200 == 0) {
                pause(1);
            }
        }
    }

    private static String renderResponse(int id) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fields.add("\"field" + i + "\":\"" + Integer.toHexString(id * 31 + i) + "\"");
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static byte[] cacheEntry(String response) {
        byte[] entry = new byte[1024 + response.length()];
        entry[0] = (byte) response.length();
        return entry;
    }

    private void burnCpu() {
        long acc = 0;
        while (true) {
            acc += primesBelow(50_000);
            if (acc == 42) {
                System.out.println(acc);
            }
            pause(5);
        }
    }

    static int primesBelow(int n) {
        int count = 0;
        for (int i = 2; i < n; i++) {
            boolean prime = true;
            for (int d = 2; d * d <= i; d++) {
                if (i % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    /** Two threads take turns on one monitor, holding it for a few milliseconds. */
    private void updateLedger() {
        while (true) {
            synchronized (ledger) {
                pause(3);
            }
            Thread.yield();
        }
    }

    /** Parks on a condition that is rarely signalled. */
    private void waitAtGate() {
        while (true) {
            gate.lock();
            try {
                opened.await(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } finally {
                gate.unlock();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
