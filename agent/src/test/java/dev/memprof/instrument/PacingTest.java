package dev.memprof.instrument;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacingTest {

    private static final long MS = 1_000_000;

    @Test
    void atOnceNeverPauses() {
        assertEquals(0, Pacing.AT_ONCE.pauseNanos(500 * MS, 10, 0));
    }

    @Test
    void pauseKeepsTheDutyCycle() {
        Pacing p = new Pacing(40, 0.25, 45_000);
        // a batch of 20 ms at a quarter of the time: 60 ms of pause
        assertEquals(60 * MS, p.pauseNanos(20 * MS, 10, 40_000 * MS));
    }

    @Test
    void pausesShrinkToMeetTheDeadline() {
        Pacing p = new Pacing(40, 0.25, 45_000);
        // 100 batches left and 3 s to go: 30 ms a batch, 20 of them working, so 10 ms of pause
        assertEquals(10 * MS, p.pauseNanos(20 * MS, 100, 3_000 * MS));
        assertEquals(0, p.pauseNanos(20 * MS, 100, 1_000 * MS), "behind the deadline: no pause at all");
        assertEquals(0, p.pauseNanos(20 * MS, 0, 3_000 * MS), "nothing left: no pause");
    }

    @Test
    void hotClassesComeLast() {
        List<Class<?>> classes = new ArrayList<>(List.of(String.class, ConcurrentHashMap.class,
                javax.net.ssl.SSLContext.class, PacingTest.class));
        classes.sort(HotClasses.LAST);
        assertEquals(PacingTest.class, classes.get(0), "application classes first");
        assertEquals(javax.net.ssl.SSLContext.class, classes.get(1), "then the JDK outside its core");
        assertTrue(HotClasses.rank(classes.get(2)) == 2 && HotClasses.rank(classes.get(3)) == 2);
    }

    @Test
    void coverageSaysWhatIsNotSeenUntilComplete() {
        RewriteCoverage c = new RewriteCoverage();
        assertTrue(c.caveat().contains("not rewritten yet"));
        assertEquals(-1, c.remaining());
        c.begin(700);
        c.advance(40);
        assertEquals(660, c.remaining());
        assertTrue(c.caveat().startsWith("memprof: 660 of 700 classes loaded before the agent"), c.caveat());
        c.advance(660);
        c.finish();
        assertTrue(c.complete());
        assertEquals(null, c.caveat());
    }
}
