package dev.memprof.jfr;

import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading by position gives exactly what {@code getValue} gives, for untimed and timed events alike. */
class EventFieldTest {

    @TempDir
    Path dir;

    static volatile Object sink;

    @Test
    void everyFieldReadByPositionEqualsGetValue() throws Exception {
        assertTrue(EventField.fast(), "the surefire argLine opens jdk.jfr.consumer, so reads go by position");
        Map<String, String> settings = Map.of(
                "jdk.ObjectAllocationInNewTLAB#enabled", "true",
                "jdk.ObjectAllocationOutsideTLAB#enabled", "true",
                "jdk.ObjectAllocationSample#enabled", "true",
                "jdk.ThreadPark#enabled", "true", "jdk.ThreadPark#threshold", "0 ms",
                "jdk.ExecutionSample#enabled", "true", "jdk.ExecutionSample#period", "10 ms");
        Path jfr = Recordings.inProcess(dir, settings, () -> {
            long end = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < end) {
                long spin = System.nanoTime() + 2_000_000L; // on CPU, for execution samples
                while (System.nanoTime() < spin) {
                    sink = new byte[1 + (int) (System.nanoTime() & 0xFFFF)];
                }
                LockSupport.parkNanos(100_000);
            }
        });

        Map<String, EventField> fields = new HashMap<>();
        Map<String, Integer> compared = new HashMap<>();
        List<String> mismatches = new ArrayList<>(); // the stream swallows what a handler throws
        try (EventStream stream = EventStream.openFile(jfr)) {
            stream.setReuse(true);
            stream.setOrdered(false);
            for (String type : new String[]{"jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB",
                    "jdk.ObjectAllocationSample", "jdk.ThreadPark", "jdk.ExecutionSample"}) {
                stream.onEvent(type, e -> {
                    for (ValueDescriptor d : e.getFields()) {
                        EventField f = fields.computeIfAbsent(d.getName(), EventField::named);
                        Object expected = e.getValue(d.getName());
                        Object actual = f.get(e);
                        if (expected != actual && !Objects.equals(expected, actual)) {
                            mismatches.add(type + "." + d.getName() + ": " + actual + " instead of " + expected);
                        }
                        compared.merge(type, 1, Integer::sum);
                    }
                });
            }
            stream.start();
        }
        assertEquals(List.of(), mismatches);
        // Timed (ThreadPark) and untimed events keep their values at different offsets: both must be covered.
        assertTrue(compared.getOrDefault("jdk.ThreadPark", 0) > 100, "park events compared: " + compared);
        assertTrue(compared.getOrDefault("jdk.ObjectAllocationSample", 0) > 100, "allocation samples: " + compared);
    }

    @Test
    void aMissingFieldFailsAsGetValueDoes() throws Exception {
        Path jfr = Recordings.inProcess(dir, Map.of("jdk.ThreadPark#enabled", "true",
                "jdk.ThreadPark#threshold", "0 ms"), () -> LockSupport.parkNanos(1_000_000));
        EventField missing = EventField.named("noSuchField");
        int[] seen = {0};
        int[] thrown = {0};
        try (EventStream stream = EventStream.openFile(jfr)) {
            stream.onEvent("jdk.ThreadPark", e -> {
                seen[0]++;
                try {
                    missing.get(e);
                } catch (IllegalArgumentException expected) {
                    thrown[0]++;
                }
            });
            stream.start();
        }
        assertTrue(seen[0] > 0);
        assertEquals(seen[0], thrown[0]);
        assertEquals("noSuchField", missing.name());
    }
}
