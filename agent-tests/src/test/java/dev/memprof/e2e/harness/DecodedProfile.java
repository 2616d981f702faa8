package dev.memprof.e2e.harness;

import dev.memprof.pprof.proto.ProfileProto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Our own decoder of a served profile: resolves the string table, functions and locations into plain samples
 * whose stacks are function names, leaf first, so tests can assert on what pprof would show.
 */
public final class DecodedProfile {

    /** One frame as pprof shows it. */
    public record Frame(String function, String systemName, String file, long line) {
    }

    /** One sample: frames leaf first, values in sample-type order, string and numeric labels. */
    public record Sample(List<Frame> frames, long[] values, Map<String, String> labels, Map<String, Long> numLabels) {
        public boolean hasFunction(String name) {
            return frames.stream().anyMatch(f -> f.function().equals(name));
        }

        public String leaf() {
            return frames.isEmpty() ? "" : frames.get(0).function();
        }
    }

    private final ProfileProto.Profile raw;
    private final List<String> sampleTypes = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();

    private DecodedProfile(ProfileProto.Profile p) {
        this.raw = p;
        List<String> strings = p.getStringTableList();
        p.getSampleTypeList().forEach(t -> sampleTypes.add(strings.get((int) t.getType()) + "/"
                + strings.get((int) t.getUnit())));
        Map<Long, Frame> functions = new HashMap<>();
        for (ProfileProto.Function f : p.getFunctionList()) {
            functions.put(f.getId(), new Frame(strings.get((int) f.getName()), strings.get((int) f.getSystemName()),
                    strings.get((int) f.getFilename()), 0));
        }
        Map<Long, List<Frame>> locations = new HashMap<>();
        for (ProfileProto.Location l : p.getLocationList()) {
            List<Frame> frames = new ArrayList<>();
            for (ProfileProto.Line line : l.getLineList()) {
                Frame f = functions.get(line.getFunctionId());
                frames.add(new Frame(f.function(), f.systemName(), f.file(), line.getLine()));
            }
            locations.put(l.getId(), frames);
        }
        for (ProfileProto.Sample s : p.getSampleList()) {
            List<Frame> frames = new ArrayList<>();
            s.getLocationIdList().forEach(id -> frames.addAll(locations.get(id)));
            Map<String, String> labels = new LinkedHashMap<>();
            Map<String, Long> nums = new LinkedHashMap<>();
            for (ProfileProto.Label l : s.getLabelList()) {
                String key = strings.get((int) l.getKey());
                if (l.getStr() != 0) {
                    labels.put(key, strings.get((int) l.getStr()));
                } else {
                    nums.put(key, l.getNum());
                }
            }
            samples.add(new Sample(frames, s.getValueList().stream().mapToLong(Long::longValue).toArray(), labels,
                    nums));
        }
    }

    /** Decodes gzipped (as served) or plain profile bytes. */
    public static DecodedProfile parse(byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            in = new GZIPInputStream(in);
        }
        return new DecodedProfile(ProfileProto.Profile.parseFrom(in));
    }

    public ProfileProto.Profile raw() {
        return raw;
    }

    public String string(long index) {
        return raw.getStringTable((int) index);
    }

    /** Sample types as "type/unit", e.g. "alloc_space/bytes". */
    public List<String> sampleTypes() {
        return sampleTypes;
    }

    public int index(String sampleType) {
        int i = sampleTypes.indexOf(sampleType);
        if (i < 0) {
            throw new AssertionError("no sample type " + sampleType + " in " + sampleTypes);
        }
        return i;
    }

    public List<Sample> samples() {
        return samples;
    }

    public long total(String sampleType) {
        int i = index(sampleType);
        return samples.stream().mapToLong(s -> s.values()[i]).sum();
    }

    /** Sum of a value over the samples whose stack contains the function (pprof's "cum" for that function). */
    public long cumulative(String function, String sampleType) {
        int i = index(sampleType);
        return samples.stream().filter(s -> s.hasFunction(function)).mapToLong(s -> s.values()[i]).sum();
    }

    /** Sum of a value over the samples whose leaf is the function (pprof's "flat"). */
    public long flat(String function, String sampleType) {
        int i = index(sampleType);
        return samples.stream().filter(s -> s.leaf().equals(function)).mapToLong(s -> s.values()[i]).sum();
    }

    public String defaultSampleType() {
        return raw.getDefaultSampleType() == 0 ? null : string(raw.getDefaultSampleType());
    }

    public List<String> comments() {
        return raw.getCommentList().stream().map(this::string).toList();
    }
}
