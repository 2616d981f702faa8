package dev.memprof.pprof;

import dev.memprof.pprof.proto.ProfileProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Assembles one pprof profile: interns strings, functions and locations so each appears once, and writes the
 * gzipped {@code profile.proto} bytes that {@code go tool pprof} reads.
 *
 * <p>Conventions (docs/architecture.md, "pprof output"): function names are dotted {@code Class.method}, the system name carries the
 * JVM signature, file names are class-path relative, locations are leaf first, and there is a single mapping that
 * says the functions are already symbolized, so pprof never asks us to symbolize addresses.
 *
 * <p>Not thread safe: build a profile on one thread.
 */
public final class ProfileBuilder {

    /** Producer named in every profile's comment. */
    public static final String PRODUCER = "memprof " + Version.get();

    private static final long MAPPING_ID = 1;

    private final ProfileProto.Profile.Builder profile = ProfileProto.Profile.newBuilder();
    private final Map<String, Long> strings = new HashMap<>();
    private final Map<FunctionKey, Long> functions = new HashMap<>();
    private final Map<Frame, Long> locations = new HashMap<>();
    private final int valueCount;
    private boolean allFunctionsHaveFiles = true;
    private boolean allLocationsHaveLines = true;

    private record FunctionKey(String name, String systemName, String file) {
    }

    public ProfileBuilder(List<SampleType> sampleTypes) {
        if (sampleTypes.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one sample type");
        }
        string(""); // string_table[0] must be the empty string
        for (SampleType t : sampleTypes) {
            profile.addSampleType(valueType(t));
        }
        this.valueCount = sampleTypes.size();
        profile.addComment(string(PRODUCER));
        profile.setTimeNanos(System.currentTimeMillis() * 1_000_000L);
    }

    public ProfileBuilder period(SampleType periodType, long period) {
        profile.setPeriodType(valueType(periodType));
        profile.setPeriod(period);
        return this;
    }

    public ProfileBuilder timeNanos(long epochNanos) {
        profile.setTimeNanos(epochNanos);
        return this;
    }

    public ProfileBuilder durationNanos(long nanos) {
        profile.setDurationNanos(nanos);
        return this;
    }

    /** Names the sample type that pprof shows by default; it must be one of this profile's types. */
    public ProfileBuilder defaultSampleType(SampleType type) {
        profile.setDefaultSampleType(string(type.type()));
        return this;
    }

    public ProfileBuilder comment(String text) {
        profile.addComment(string(text));
        return this;
    }

    /** The location id for one frame, creating the function and location on first use. */
    public long location(Frame frame) {
        Long id = locations.get(frame);
        if (id != null) {
            return id;
        }
        long functionId = function(frame);
        id = (long) locations.size() + 1;
        ProfileProto.Line.Builder line = ProfileProto.Line.newBuilder().setFunctionId(functionId);
        if (frame.line() > 0) {
            line.setLine(frame.line());
        } else {
            allLocationsHaveLines = false;
        }
        profile.addLocation(ProfileProto.Location.newBuilder()
                .setId(id)
                .setMappingId(MAPPING_ID)
                .addLine(line));
        locations.put(frame, id);
        return id;
    }

    /** Location ids for a stack given leaf first. */
    public long[] locations(List<Frame> stackLeafFirst) {
        long[] ids = new long[stackLeafFirst.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = location(stackLeafFirst.get(i));
        }
        return ids;
    }

    public ProfileBuilder addSample(List<Frame> stackLeafFirst, long[] values, Labels labels) {
        return addSample(locations(stackLeafFirst), values, labels);
    }

    /** Adds one sample; {@code locationIds} come from {@link #location} and are leaf first. */
    public ProfileBuilder addSample(long[] locationIds, long[] values, Labels labels) {
        if (values.length != valueCount) {
            throw new IllegalArgumentException("expected " + valueCount + " values, got " + values.length);
        }
        ProfileProto.Sample.Builder sample = ProfileProto.Sample.newBuilder();
        for (long id : locationIds) {
            sample.addLocationId(id);
        }
        for (long v : values) {
            sample.addValue(v);
        }
        for (Labels.Label l : labels.asList()) {
            ProfileProto.Label.Builder label = ProfileProto.Label.newBuilder().setKey(string(l.key()));
            if (l.str() != null) {
                label.setStr(string(l.str()));
            } else {
                label.setNum(l.num());
                if (l.numUnit() != null) {
                    label.setNumUnit(string(l.numUnit()));
                }
            }
            sample.addLabel(label);
        }
        profile.addSample(sample);
        return this;
    }

    public int sampleCount() {
        return profile.getSampleCount();
    }

    /** The finished, uncompressed message (for tests and for callers that post-process). */
    public ProfileProto.Profile build() {
        profile.clearMapping();
        profile.addMapping(ProfileProto.Mapping.newBuilder()
                .setId(MAPPING_ID)
                .setFilename(string("java"))
                .setHasFunctions(true)
                .setHasFilenames(allFunctionsHaveFiles && !functions.isEmpty())
                .setHasLineNumbers(allLocationsHaveLines && !locations.isEmpty()));
        return profile.build();
    }

    /** Writes the gzipped profile, the form every pprof route serves. */
    public void writeGzipped(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024);
        build().writeTo(gz);
        gz.finish();
    }

    public byte[] toGzippedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writeGzipped(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return out.toByteArray();
    }

    private long function(Frame frame) {
        String file = frame.sourcePath();
        FunctionKey key = new FunctionKey(frame.functionName(), frame.systemName(), file);
        Long id = functions.get(key);
        if (id != null) {
            return id;
        }
        id = (long) functions.size() + 1;
        if (file.isEmpty()) {
            allFunctionsHaveFiles = false;
        }
        profile.addFunction(ProfileProto.Function.newBuilder()
                .setId(id)
                .setName(string(key.name()))
                .setSystemName(string(key.systemName()))
                .setFilename(string(file)));
        functions.put(key, id);
        return id;
    }

    private ProfileProto.ValueType valueType(SampleType t) {
        return ProfileProto.ValueType.newBuilder().setType(string(t.type())).setUnit(string(t.unit())).build();
    }

    private long string(String s) {
        Long index = strings.get(s);
        if (index == null) {
            index = (long) strings.size();
            strings.put(s, index);
            profile.addStringTable(s);
        }
        return index;
    }
}
