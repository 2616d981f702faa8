package dev.memprof.e2e;

import dev.memprof.e2e.harness.DecodedProfile;
import dev.memprof.e2e.harness.Http;
import dev.memprof.e2e.harness.TargetJvm;
import dev.memprof.e2e.targets.DistinctStacksTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With over 100k distinct allocation stacks, the agent's own retained heap stays under 64 MiB: the target retains
 * nothing, so the heap in use after a full GC, before versus after, is the agent's tables.
 */
@Timeout(180)
class AgentMemoryTest {

    @Test
    void stackTableStaysWithinItsMemoryBudget() throws Exception {
        // rate=4096 samples nearly every 64 KiB allocation, so every one of the 131072 stacks is seen.
        try (TargetJvm t = TargetJvm.builder(DistinctStacksTarget.class).jvmArg("-Xmx1g").jvmArg("-XX:+UseSerialGC") // compacting: used after a full GC is the live data
                .agent("port=0,rate=4096").start()) {
            String base = t.awaitBase(Duration.ofSeconds(60));
            t.awaitStdout("ready", Duration.ofSeconds(30));
            t.send("go");
            long before = value(t.awaitStdout("heap-before ", Duration.ofSeconds(60)));
            long after = value(t.awaitStdout("heap-after ", Duration.ofSeconds(120)));
            long agentBytes = after - before;
            System.out.printf("agent memory: %.1f MiB retained with 131072 distinct stacks%n",
                    agentBytes / 1048576.0);
            assertTrue(agentBytes < 64L * 1024 * 1024, "agent retained " + agentBytes + " bytes");
            DecodedProfile p = DecodedProfile.parse(Http.get(base + "/allocs").body());
            assertTrue(p.samples().size() > 60_000, "the stack table filled up: " + p.samples().size());
            assertTrue(p.samples().stream().anyMatch(s -> s.leaf().equals("[memprof: truncated]")),
                    "stacks past the cap fold into the truncated stack");
        }
    }

    private static long value(String line) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
    }
}
