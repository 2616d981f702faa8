package dev.memprof.pprof;

import dev.memprof.pprof.proto.ProfileProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ProfileBuilderTest {

    private static final Frame RESIZE = new Frame("java.util.HashMap", "resize", "()[Ljava/util/HashMap$Node;",
            "HashMap.java", 676);
    private static final Frame PUT_VAL = new Frame("java.util.HashMap", "putVal", null, "HashMap.java", 640);
    private static final Frame PUT_VAL_OTHER_LINE = new Frame("java.util.HashMap", "putVal", null, "HashMap.java", 655);
    private static final Frame MAIN = new Frame("com.example.App", "main", null, "App.java", 12);

    @Test
    void roundTripsThroughTheGeneratedClasses() throws IOException {
        ProfileProto.Profile p = decode(heapLikeProfile().toGzippedBytes());
        List<String> s = p.getStringTableList();
        assertEquals("", s.get(0), "string_table[0] must be empty");
        assertEquals(new HashSet<>(s).size(), s.size(), "strings are interned once: " + s);

        assertEquals(List.of("alloc_space/bytes", "inuse_space/bytes"),
                p.getSampleTypeList().stream().map(t -> s.get((int) t.getType()) + "/" + s.get((int) t.getUnit()))
                        .toList());
        assertEquals("space", s.get((int) p.getPeriodType().getType()));
        assertEquals("bytes", s.get((int) p.getPeriodType().getUnit()));
        assertEquals(524288, p.getPeriod());
        assertEquals("alloc_space", s.get((int) p.getDefaultSampleType()));
        assertEquals(1_000_000_000L, p.getTimeNanos());
        assertEquals(List.of(ProfileBuilder.PRODUCER, "second comment"),
                p.getCommentList().stream().map(i -> s.get(i.intValue())).toList());
        assertTrue(ProfileBuilder.PRODUCER.startsWith("memprof "));

        assertEquals(2, p.getSampleCount());
        ProfileProto.Sample first = p.getSample(0);
        assertEquals(List.of(100L, 40L), first.getValueList());
        assertEquals(List.of("java.util.HashMap.resize", "java.util.HashMap.putVal", "com.example.App.main"),
                stack(p, first), "locations are leaf first");
        assertEquals(List.of(676L, 640L, 12L), lines(p, first));

        ProfileProto.Label object = first.getLabel(0);
        assertEquals("object", s.get((int) object.getKey()));
        assertEquals("byte[]", s.get((int) object.getStr()));
        ProfileProto.Label bytes = first.getLabel(1);
        assertEquals("bytes", s.get((int) bytes.getKey()));
        assertEquals(24, bytes.getNum());
        assertEquals("bytes", s.get((int) bytes.getNumUnit()));
        ProfileProto.Label plain = first.getLabel(2);
        assertEquals("count", s.get((int) plain.getKey()));
        assertEquals(3, plain.getNum());
        assertEquals(0, plain.getNumUnit(), "no unit given");
        assertEquals(0, p.getSample(1).getLabelCount());
    }

    @Test
    void functionsCarryDottedNamesSignaturesAndPaths() throws IOException {
        ProfileProto.Profile p = decode(heapLikeProfile().toGzippedBytes());
        List<String> s = p.getStringTableList();
        ProfileProto.Function resize = p.getFunctionList().stream()
                .filter(f -> s.get((int) f.getName()).equals("java.util.HashMap.resize")).findFirst().orElseThrow();
        assertEquals("java.util.HashMap.resize()[Ljava/util/HashMap$Node;", s.get((int) resize.getSystemName()));
        assertEquals("java/util/HashMap.java", s.get((int) resize.getFilename()));
        ProfileProto.Function putVal = p.getFunctionList().stream()
                .filter(f -> s.get((int) f.getName()).equals("java.util.HashMap.putVal")).findFirst().orElseThrow();
        assertEquals("java.util.HashMap.putVal", s.get((int) putVal.getSystemName()), "no descriptor known");
    }

    @Test
    void dedupsFunctionsAndLocations() throws IOException {
        ProfileProto.Profile p = decode(heapLikeProfile().toGzippedBytes());
        // Frames: resize, putVal@640, main, and putVal@655 (same function, another line).
        assertEquals(3, p.getFunctionCount(), "putVal at two lines is one function");
        assertEquals(4, p.getLocationCount(), "one location per distinct frame");
        ProfileProto.Sample second = p.getSample(1);
        assertEquals(p.getSample(0).getLocationId(2), second.getLocationId(1), "main's location is shared");
        assertNotEquals(p.getSample(0).getLocationId(1), second.getLocationId(0), "another line, another location");
        List<Long> ids = p.getLocationList().stream().map(ProfileProto.Location::getId).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L), ids, "ids are dense and non-zero");
        p.getLocationList().forEach(l -> assertEquals(1, l.getMappingId()));
    }

    @Test
    void theSameFrameGivesTheSameLocationId() {
        ProfileBuilder b = new ProfileBuilder(List.of(SampleType.GOROUTINE));
        long id = b.location(RESIZE);
        assertEquals(id, b.location(new Frame("java.util.HashMap", "resize", "()[Ljava/util/HashMap$Node;",
                "HashMap.java", 676)));
        assertNotEquals(id, b.location(PUT_VAL));
    }

    @Test
    void oneMappingThatSaysWhatIsKnown() throws IOException {
        ProfileProto.Profile full = decode(heapLikeProfile().toGzippedBytes());
        assertEquals(1, full.getMappingCount());
        ProfileProto.Mapping m = full.getMapping(0);
        assertEquals(1, m.getId());
        assertTrue(m.getHasFunctions());
        assertTrue(m.getHasFilenames());
        assertTrue(m.getHasLineNumbers());

        ProfileBuilder partial = new ProfileBuilder(List.of(SampleType.GOROUTINE));
        partial.addSample(List.of(Frame.synthetic("[memprof: truncated]"), MAIN), new long[]{1}, Labels.NONE);
        ProfileProto.Mapping pm = decode(partial.toGzippedBytes()).getMapping(0);
        assertTrue(pm.getHasFunctions());
        assertFalse(pm.getHasFilenames(), "a frame without a file");
        assertFalse(pm.getHasLineNumbers(), "a frame without a line");
    }

    @Test
    void servedBytesAreGzip() {
        byte[] bytes = heapLikeProfile().toGzippedBytes();
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
    }

    @Test
    void rejectsWrongValueCountsAndEmptySampleTypes() {
        ProfileBuilder b = new ProfileBuilder(List.of(SampleType.ALLOC_SPACE, SampleType.INUSE_SPACE));
        assertThrows(IllegalArgumentException.class, () -> b.addSample(List.of(MAIN), new long[]{1}, Labels.NONE));
        assertThrows(IllegalArgumentException.class, () -> new ProfileBuilder(List.of()));
    }

    private static ProfileBuilder heapLikeProfile() {
        ProfileBuilder b = new ProfileBuilder(List.of(SampleType.ALLOC_SPACE, SampleType.INUSE_SPACE))
                .period(new SampleType("space", "bytes"), 524288)
                .defaultSampleType(SampleType.ALLOC_SPACE)
                .timeNanos(1_000_000_000L)
                .comment("second comment");
        b.addSample(List.of(RESIZE, PUT_VAL, MAIN), new long[]{100, 40},
                Labels.builder().str("object", "byte[]").num("bytes", 24, "bytes").num("count", 3).build());
        b.addSample(List.of(PUT_VAL_OTHER_LINE, MAIN), new long[]{7, 0}, Labels.NONE);
        return b;
    }

    private static ProfileProto.Profile decode(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return ProfileProto.Profile.parseFrom(in);
        }
    }

    private static List<String> stack(ProfileProto.Profile p, ProfileProto.Sample sample) {
        return sample.getLocationIdList().stream().map(id -> {
            ProfileProto.Location l = p.getLocation((int) (id - 1));
            ProfileProto.Function f = p.getFunction((int) (l.getLine(0).getFunctionId() - 1));
            return p.getStringTable((int) f.getName());
        }).toList();
    }

    private static List<Long> lines(ProfileProto.Profile p, ProfileProto.Sample sample) {
        return sample.getLocationIdList().stream().map(id -> p.getLocation((int) (id - 1)).getLine(0).getLine())
                .toList();
    }
}
