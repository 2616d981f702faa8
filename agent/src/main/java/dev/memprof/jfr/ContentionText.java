package dev.memprof.jfr;

import dev.memprof.pprof.proto.ProfileProto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Go's legacy {@code debug=1} text of a contention profile: {@code cycles/second} (1e9 here, so cycles are
 * nanoseconds), then {@code <delay> <count> @ <addresses>} per stack with one {@code #} line per frame. We have no
 * program counters, so a frame's address is its location id.
 */
final class ContentionText {

    private ContentionText() {
    }

    static String format(byte[] gzippedProfile) {
        ProfileProto.Profile p;
        try {
            p = ProfileProto.Profile.parseFrom(new GZIPInputStream(new ByteArrayInputStream(gzippedProfile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Long, ProfileProto.Function> functions = new HashMap<>();
        p.getFunctionList().forEach(f -> functions.put(f.getId(), f));
        Map<Long, ProfileProto.Location> locations = new HashMap<>();
        p.getLocationList().forEach(l -> locations.put(l.getId(), l));
        StringBuilder out = new StringBuilder("--- contention:\ncycles/second=1000000000\n");
        for (ProfileProto.Sample s : p.getSampleList()) {
            out.append(s.getValue(1)).append(' ').append(s.getValue(0)).append(" @");
            s.getLocationIdList().forEach(id -> out.append(" 0x").append(Long.toHexString(id)));
            out.append('\n');
            for (long id : s.getLocationIdList()) {
                ProfileProto.Location l = locations.get(id);
                ProfileProto.Line line = l.getLine(0);
                ProfileProto.Function f = functions.get(line.getFunctionId());
                String file = p.getStringTable((int) f.getFilename());
                out.append("#\t0x").append(Long.toHexString(id)).append('\t')
                        .append(p.getStringTable((int) f.getName())).append("+0x0\t")
                        .append(file.isEmpty() ? "?" : file).append(':').append(line.getLine()).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
