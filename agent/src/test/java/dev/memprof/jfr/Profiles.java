package dev.memprof.jfr;

import dev.memprof.pprof.proto.ProfileProto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** A decoded profile for assertions: samples with function-name stacks (leaf first), values and labels. */
final class Profiles {

    record Sample(List<String> functions, long[] values, Map<String, String> labels) {
        boolean has(String function) {
            return functions.contains(function);
        }
    }

    final ProfileProto.Profile raw;
    final List<String> types = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();

    Profiles(ProfileProto.Profile p) {
        this.raw = p;
        List<String> s = p.getStringTableList();
        p.getSampleTypeList().forEach(t -> types.add(s.get((int) t.getType()) + "/" + s.get((int) t.getUnit())));
        Map<Long, String> functions = new HashMap<>();
        p.getFunctionList().forEach(f -> functions.put(f.getId(), s.get((int) f.getName())));
        Map<Long, String> locations = new HashMap<>();
        p.getLocationList().forEach(l -> locations.put(l.getId(), functions.get(l.getLine(0).getFunctionId())));
        for (ProfileProto.Sample x : p.getSampleList()) {
            List<String> stack = x.getLocationIdList().stream().map(locations::get).toList();
            Map<String, String> labels = new HashMap<>();
            x.getLabelList().forEach(l -> labels.put(s.get((int) l.getKey()), s.get((int) l.getStr())));
            samples.add(new Sample(stack, x.getValueList().stream().mapToLong(Long::longValue).toArray(), labels));
        }
    }

    static Profiles of(dev.memprof.pprof.ProfileBuilder b) {
        return new Profiles(b.build());
    }

    /** Reads a profile file, gzipped or not. */
    static Profiles read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        InputStream in = new java.io.ByteArrayInputStream(bytes);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            in = new GZIPInputStream(in);
        }
        return new Profiles(ProfileProto.Profile.parseFrom(in));
    }

    int index(String type) {
        int i = types.indexOf(type);
        if (i < 0) {
            throw new AssertionError("no sample type " + type + " in " + types);
        }
        return i;
    }

    long total(String type) {
        return sum(s -> true, type);
    }

    long sum(Predicate<Sample> which, String type) {
        int i = index(type);
        return samples.stream().filter(which).mapToLong(s -> s.values[i]).sum();
    }

    /** pprof's "cum" of a function: the value of every sample whose stack holds it, each counted once. */
    long cumulative(String function, String type) {
        return sum(s -> s.has(function), type);
    }

    long ofThread(String thread, String type) {
        return sum(s -> thread.equals(s.labels.get("thread")), type);
    }

    /** Cumulative totals of every function, by the value at {@code valueIndex}. */
    Map<String, Long> cumulativeByFunction(int valueIndex) {
        Map<String, Long> out = new HashMap<>();
        for (Sample s : samples) {
            Set<String> once = new LinkedHashSet<>(s.functions);
            once.forEach(f -> out.merge(f, s.values[valueIndex], Long::sum));
        }
        return out;
    }

    List<String> comments() {
        return raw.getCommentList().stream().map(i -> raw.getStringTable(i.intValue())).toList();
    }
}
