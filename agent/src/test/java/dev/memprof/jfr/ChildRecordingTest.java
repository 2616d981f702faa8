package dev.memprof.jfr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recordings made by {@code -XX:StartFlightRecording} in child JVMs of this JDK and of Temurin 25 (with
 * {@code jdk.CPUTimeSample} on), converted to every type.
 */
@Timeout(180)
class ChildRecordingTest {

    private static final String SPIN = "dev.memprof.jfr.Workload.spinHere";
    /**
     * Allocation samples kept at every opportunity: at the profile setting's 300 a second, JFR's throttle leaves
     * a thread's last stretch of allocation unsampled (measured: up to 30% of this workload's on JDK 25), which
     * would test JFR's throttle rather than the converter.
     */
    private static final String UNTHROTTLED = "jdk.ObjectAllocationSample#throttle=1000000/s";

    @TempDir
    Path dir;

    @Test
    void thisJdksRecordingConvertsToEveryType() throws Exception {
        Recordings.Child child = Recordings.jdkRecording(dir, Recordings.currentJava(),
                "settings=profile," + UNTHROTTLED, 2000);
        checkAllTypes(child, false);
    }

    @Test
    void jdk25RecordingWithCpuTimeSamplesConverts() throws Exception {
        Recordings.Child child = Recordings.jdkRecording(dir, Recordings.jdk25(),
                "settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=10ms," + UNTHROTTLED,
                2000);
        checkAllTypes(child, Recordings.jdk25().equals(Recordings.JDK25.toString()));
    }

    private static void checkAllTypes(Recordings.Child child, boolean jdk25) throws Exception {
        Profiles cpu = Profiles.of(ProfileKind.CPU.converter(TimeWindow.ALL).convert(child.jfr()));
        long spinnerSamples = cpu.ofThread("known-spinner", "samples/count");
        long inSpin = cpu.sum(s -> "known-spinner".equals(s.labels().get("thread")) && s.has(SPIN),
                "samples/count");
        assertTrue(spinnerSamples >= 20 && inSpin >= 0.9 * spinnerSamples, inSpin + " of " + spinnerSamples);
        if (jdk25) {
            assertTrue(cpu.comments().stream().anyMatch(c -> c.startsWith("jdk.CPUTimeSample")), cpu.comments()
                    .toString());
        }
        assertTrue(cpu.samples.stream().allMatch(s -> s.labels().containsKey("thread")), "thread labels");

        Profiles wall = Profiles.of(ProfileKind.WALL.converter(TimeWindow.ALL).convert(child.jfr()));
        assertEquals(List.of("samples/count", "wall/nanoseconds"), wall.types);
        assertTrue(wall.cumulative(SPIN, "samples/count") > 0);

        // A sample's weight is everything its thread allocated since its previous sample, so the bytes are right
        // per thread but may land on the stack of the next sampled allocation: check the main thread's total (the
        // known allocation plus the ~20 MB it keeps alive) and that the method shows.
        Profiles alloc = Profiles.of(ProfileKind.ALLOC.converter(TimeWindow.ALL).convert(child.jfr()));
        long mainBytes = alloc.ofThread("main", "alloc_space/bytes");
        long known = child.known("allocatedBytes");
        assertTrue(mainBytes >= 0.8 * known && mainBytes <= 1.3 * known, mainBytes + " vs known " + known);
        assertTrue(alloc.cumulative("dev.memprof.jfr.Workload.allocateHere", "alloc_space/bytes") >= known / 2);

        Profiles live = Profiles.of(ProfileKind.LIVE.converter(TimeWindow.ALL).convert(child.jfr()));
        assertEquals(List.of("inuse_objects/count", "inuse_space/bytes"), live.types);
        assertTrue(live.total("inuse_objects/count") > 0, "old object samples");
        if (jdk25) {
            assertTrue(live.total("inuse_space/bytes") > 0, "JDK 25 records object sizes");
        }

        Profiles block = Profiles.of(ProfileKind.BLOCK.converter(TimeWindow.ALL).convert(child.jfr()));
        long parked = block.cumulative("dev.memprof.jfr.Workload.parkHere", "delay/nanoseconds");
        assertTrue(Math.abs(parked - child.known("parkedNanos")) <= child.known("parkedNanos") / 4,
                parked + " vs known " + child.known("parkedNanos"));

        Profiles mutex = Profiles.of(ProfileKind.MUTEX.converter(TimeWindow.ALL).convert(child.jfr()));
        long entered = mutex.cumulative("dev.memprof.jfr.Workload.enterHere", "delay/nanoseconds");
        assertTrue(Math.abs(entered - child.known("enteredNanos")) <= child.known("enteredNanos") / 4,
                entered + " vs known " + child.known("enteredNanos"));
    }
}
