package dev.memprof.sessions;

import dev.memprof.alloc.Unsampling;
import dev.memprof.pprof.Labels;
import dev.memprof.pprof.ProfileBuilder;
import dev.memprof.pprof.SampleType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A session's window as a pprof allocation profile: {@code alloc_objects/count} and {@code alloc_space/bytes},
 * unsampled with Go's formula, {@code alloc_space} the default, with the {@code bytes} and {@code object} labels
 * of the heap profiles.
 */
public final class SessionProfile {

    private SessionProfile() {
    }

    public static byte[] gzipped(Session s) {
        ProfileBuilder b = new ProfileBuilder(List.of(SampleType.ALLOC_OBJECTS, SampleType.ALLOC_SPACE))
                .period(SampleType.ALLOC_SPACE, s.rate())
                .defaultSampleType(SampleType.ALLOC_SPACE)
                .timeNanos(s.start().getEpochSecond() * 1_000_000_000L + s.start().getNano());
        Instant end = s.end() != null ? s.end() : Instant.now();
        b.durationNanos(Duration.between(s.start(), end).toNanos());
        b.comment("session " + s.id() + (s.label() == null ? "" : " (" + s.label() + ")"));
        for (var e : s.samples().table().entrySet()) {
            long n = e.getValue().samples();
            long bytes = e.getValue().bytes();
            if (n == 0) {
                continue;
            }
            long[] scaled = Unsampling.scaled(n, bytes, s.rate());
            b.addSample(e.getKey().stack(), scaled, Labels.builder()
                    .num("bytes", bytes / n, "bytes")
                    .str("object", e.getKey().className())
                    .build());
        }
        return b.toGzippedBytes();
    }
}
