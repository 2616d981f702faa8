package dev.memprof.alloc;

import dev.memprof.pprof.Frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unsampled heap rows: one per bucket, with Go's four values {@code [alloc_objects, alloc_space, inuse_objects,
 * inuse_space]} scaled by {@link Unsampling} (the alloc pair and the in-use pair separately, as Go does).
 */
final class HeapRows {

    record Row(List<Frame> stack, String className, long[] values, long averageSize) {
    }

    private record Key(List<Frame> stack, String className) {
    }

    private HeapRows() {
    }

    static List<Row> of(HeapSnapshot snap) {
        List<Row> rows = new ArrayList<>(snap.buckets().size());
        for (HeapSnapshot.Bucket b : snap.buckets()) {
            long[] alloc = Unsampling.scaled(b.allocObjects(), b.allocBytes(), snap.rate());
            long[] inuse = Unsampling.scaled(b.inuseObjects(), b.inuseBytes(), snap.rate());
            long avg = b.allocObjects() == 0 ? 0 : b.allocBytes() / b.allocObjects();
            rows.add(new Row(b.stack(), b.className(), new long[]{alloc[0], alloc[1], inuse[0], inuse[1]}, avg));
        }
        return rows;
    }

    /** after - before, per bucket (Go's delta profile: the earlier profile merged in with scale -1). */
    static List<Row> delta(List<Row> before, List<Row> after) {
        Map<Key, long[]> base = new HashMap<>();
        for (Row r : before) {
            base.put(new Key(r.stack(), r.className()), r.values());
        }
        List<Row> out = new ArrayList<>();
        for (Row r : after) {
            long[] b = base.getOrDefault(new Key(r.stack(), r.className()), new long[4]);
            long[] d = new long[4];
            boolean any = false;
            for (int i = 0; i < 4; i++) {
                d[i] = r.values()[i] - b[i];
                any |= d[i] != 0;
            }
            if (any) {
                out.add(new Row(r.stack(), r.className(), d, r.averageSize()));
            }
        }
        return out;
    }
}
