package dev.memprof.threads;

import dev.memprof.pprof.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class StackCountsTest {

    private static final Frame PARK = new Frame("jdk.internal.misc.Unsafe", "park", null, "Unsafe.java", 0);
    private static final Frame RUN = new Frame("com.example.Worker", "run", null, "Worker.java", 42);

    @Test
    void aggregatesMostFrequentFirstWithGoLayout() {
        String text = StackCounts.legacyText("goroutine profile", List.of(
                new StackCounts.Stack(List.of(RUN)),
                new StackCounts.Stack(List.of(PARK, RUN)),
                new StackCounts.Stack(List.of(PARK, RUN))));
        assertEquals("""
                goroutine profile: total 3
                2 @ 0x1 0x2
                #\t0x1\tjdk.internal.misc.Unsafe.park+0x0\tjdk/internal/misc/Unsafe.java:0
                #\t0x2\tcom.example.Worker.run+0x0\tcom/example/Worker.java:42

                1 @ 0x2
                #\t0x2\tcom.example.Worker.run+0x0\tcom/example/Worker.java:42

                """, text);
    }

    @Test
    void aThreadWithoutJavaFramesStillHasOneAddress() {
        String text = StackCounts.legacyText("goroutine profile", List.of(
                new StackCounts.Stack(List.of()), new StackCounts.Stack(List.of())));
        assertEquals("""
                goroutine profile: total 2
                2 @ 0x1
                #\t0x1\t[memprof: no Java frames]+0x0\t?:0

                """, text);
    }
}
