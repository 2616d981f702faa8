package dev.memprof.sessions;

import dev.memprof.alloc.AllocationEvent;
import dev.memprof.pprof.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class TopFunctionsTest {

    private static Frame f(String cls, String method) {
        return new Frame(cls, method, null, null, 0);
    }

    @Test
    void ranksBySelfBytesWithPackagesAndCumulativeShares() {
        SessionSamples s = new SessionSamples();
        List<Frame> hot = List.of(f("com.example.Hot", "allocate"), f("com.example.Main", "main"));
        List<Frame> cold = List.of(f("Cold", "little"), f("com.example.Main", "main"));
        for (int i = 0; i < 9; i++) {
            s.onSample(new AllocationEvent(hot, "byte[]", 1 << 20, 0));
        }
        s.onSample(new AllocationEvent(cold, "byte[]", 1 << 20, 0));
        List<FunctionShare> top = TopFunctions.of(s, 512 * 1024);
        assertEquals("com.example.Hot.allocate", top.get(0).funcName());
        assertEquals("com.example", top.get(0).pkg());
        assertEquals(90.0, top.get(0).selfPct());
        assertEquals(9, top.get(0).sampleCount());
        assertEquals("Cold.little", top.get(1).funcName());
        assertEquals("", top.get(1).pkg());
        FunctionShare main = top.get(2);
        assertEquals("com.example.Main.main", main.funcName());
        assertEquals(0.0, main.selfPct());
        assertEquals(100.0, main.cumulativePct());
        assertEquals(10, main.sampleCount());
    }

    @Test
    void capsDistinctStacks() {
        SessionSamples s = new SessionSamples();
        for (int i = 0; i < SessionSamples.MAX_STACKS + 10; i++) {
            s.onSample(new AllocationEvent(List.of(f("C", "m" + i)), "byte[]", 100, 0));
        }
        assertEquals(SessionSamples.MAX_STACKS + 1, s.table().size());
        assertEquals(10, s.truncated());
        assertEquals(SessionSamples.MAX_STACKS + 10, s.sampleCount());
    }
}
