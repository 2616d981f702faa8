package dev.memprof.capture;

import dev.memprof.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class HeapCapturerTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void capturesOnItsOwnThreadAndKeepsTheNewest() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        HeapCapturer c = HeapCapturer.start(() -> {
            threads.add(Thread.currentThread().getName());
            return new byte[]{31, -117};
        }, CaptureDirectory.open(tmp), 2);
        for (int i = 0; i < 4; i++) {
            assertTrue(c.submit(CaptureReason.LEAK, T.plusSeconds(i)));
            int done = i + 1;
            await(() -> c.written(CaptureReason.LEAK) == done);
        }
        assertEquals(List.of("memprof-capture"), threads.stream().distinct().toList());
        await(() -> c.deleted() == 2);
        List<CaptureDirectory.Capture> left = CaptureDirectory.open(tmp).list();
        assertEquals(List.of(T.plusSeconds(2), T.plusSeconds(3)), left.stream().map(x -> x.name().time()).toList());
        assertEquals(0, c.written(CaptureReason.THRESHOLD));
    }

    @Test
    void dropsWhenBusyAndNeverBlocksTheCaller() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HeapCapturer c = HeapCapturer.start(() -> {
            building.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[1];
        }, CaptureDirectory.open(tmp), 10);
        assertTrue(c.submit(CaptureReason.THRESHOLD, T));
        building.await();
        assertTrue(c.submit(CaptureReason.THRESHOLD, T.plusSeconds(1)));
        assertTrue(c.submit(CaptureReason.LEAK, T.plusSeconds(1)), "a queue of two: threshold and leak of one GC");
        assertFalse(c.submit(CaptureReason.LEAK, T.plusSeconds(2)));
        assertEquals(1, c.dropped());
        release.countDown();
        await(() -> c.written(CaptureReason.THRESHOLD) == 2 && c.written(CaptureReason.LEAK) == 1);
    }

    @Test
    void aFailureIsCountedAndTheThreadGoesOn() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        HeapCapturer c = HeapCapturer.start(() -> {
            if (fail.get()) {
                throw new IllegalStateException("boom");
            }
            return new byte[1];
        }, CaptureDirectory.open(tmp), 10);
        c.submit(CaptureReason.LEAK, T);
        await(() -> c.failed() == 1);
        fail.set(false);
        c.submit(CaptureReason.LEAK, T.plusSeconds(1));
        await(() -> c.written(CaptureReason.LEAK) == 1);

        String metrics = new MetricsRegistry().register(new CaptureCollector(c)).scrape();
        assertTrue(metrics.contains("memprof_captures_written_total{reason=\"leak\"} 1\n"), metrics);
        assertTrue(metrics.contains("memprof_captures_written_total{reason=\"threshold\"} 0\n"), metrics);
        assertTrue(metrics.contains("memprof_captures_failed_total 1\n"), metrics);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(5);
        }
    }
}
