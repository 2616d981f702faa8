package dev.memprof.http;

import dev.memprof.json.JsonWriter;
import dev.memprof.memwatch.GcStats;
import dev.memprof.memwatch.GrowthTrend;
import dev.memprof.memwatch.HeapDiff;
import dev.memprof.memwatch.LeakEvent;
import dev.memprof.memwatch.MemoryProfile;
import dev.memprof.memwatch.Status;

import java.util.List;
import java.util.Locale;

/** The memwatch JSON shapes (autohost-memwatch's field names). */
final class MemwatchJson {

    private MemwatchJson() {
    }

    static String status(Status s) {
        JsonWriter w = new JsonWriter();
        status(w, s);
        return w.toString();
    }

    static String profile(MemoryProfile p) {
        return status(p.status());
    }

    static String list(List<MemoryProfile> profiles, boolean details) {
        JsonWriter w = new JsonWriter().beginObject().name("memoryProfiles").beginArray();
        for (MemoryProfile p : profiles) {
            if (details) {
                w.beginObject().field("id", p.id()).field("mode", p.mode().label()).field("started", p.started());
                statusFields(w, p.status());
                w.endObject();
            } else {
                w.value(p.id());
            }
        }
        return w.endArray().endObject().toString();
    }

    private static void status(JsonWriter w, Status s) {
        w.beginObject();
        statusFields(w, s);
        w.endObject();
    }

    private static void statusFields(JsonWriter w, Status s) {
        w.field("lastEvent", s.lastEvent());
        gc(w.name("lastGC"), s.lastGC());
        growth(w.name("growth"), s.growth());
        leak(w.name("lastLeak"), s.lastLeak());
        diff(w.name("lastDiff"), s.lastDiff());
    }

    private static void gc(JsonWriter w, GcStats.View g) {
        w.beginObject()
                .field("timestamp", g.timestamp())
                .field("num_full_gc", g.numFullGc())
                .field("num_inc_gc", g.numIncGc())
                .field("heap_compactions", g.heapCompactions())
                .field("estimated_base", g.estimatedBase())
                .field("current_base", g.currentBase())
                .field("min", g.min())
                .field("max", g.max())
                .field("usage_trend", g.usageTrend())
                .endObject();
    }

    private static void growth(JsonWriter w, GrowthTrend.View g) {
        w.beginObject()
                .field("slope_bytes_per_minute", Math.round(g.slopeBytesPerMinute()))
                .field("slope", humanSize(Math.round(g.slopeBytesPerMinute())) + "/min")
                .field("window_seconds", g.window().toSeconds())
                .field("samples", g.samples())
                .field("verdict", g.verdict())
                .endObject();
    }

    private static void leak(JsonWriter w, LeakEvent l) {
        if (l == null) {
            w.nullValue();
            return;
        }
        w.beginObject()
                .field("timestamp", l.timestamp())
                .field("start", l.start())
                .field("end", l.end())
                .field("growth", l.growth())
                .field("reason", l.reason())
                .endObject();
    }

    private static void diff(JsonWriter w, HeapDiff d) {
        if (d == null) {
            w.nullValue();
            return;
        }
        w.beginObject().field("timestamp", d.timestamp());
        totals(w.name("before"), d.before());
        totals(w.name("after"), d.after());
        w.name("change").beginObject()
                .field("size_bytes", d.changeBytes())
                .field("size", humanSize(d.changeBytes()))
                .field("freed_nodes", d.freedNodes())
                .field("allocated_nodes", d.allocatedNodes())
                .name("details").beginArray();
        for (HeapDiff.Detail x : d.details()) {
            w.beginObject()
                    .field("what", x.what())
                    .field("size_bytes", x.sizeBytes())
                    .field("size", humanSize(x.sizeBytes()))
                    .field("+", x.plus())
                    .field("-", x.minus())
                    .endObject();
        }
        w.endArray().endObject().endObject();
    }

    private static void totals(JsonWriter w, HeapDiff.Totals t) {
        w.beginObject()
                .field("nodes", t.nodes())
                .field("size_bytes", t.sizeBytes())
                .field("size", humanSize(t.sizeBytes()))
                .endObject();
    }

    /** memwatch's readable sizes: "512 bytes", "243.39 kb", "1.78 mb", "2.10 gb" (binary units). */
    static String humanSize(long bytes) {
        long abs = Math.abs(bytes);
        if (abs < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kb", "mb", "gb", "tb"};
        double v = bytes / 1024.0;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
