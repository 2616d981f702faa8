package dev.memprof.alloc;

import dev.memprof.pprof.proto.ProfileProto;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapProfileCaveatTest {

    @Test
    void theCommentSaysWhatIsNotSeenYetAndOnlyWhileItHolds() throws IOException {
        AllocationSampler sampler = new AllocationSampler(0, 64, null, AllocationSampler.Limits.DEFAULT);
        AtomicReference<String> caveat = new AtomicReference<>("memprof: 12 of 700 classes are not rewritten yet");
        for (HeapProfile p : List.of(HeapProfile.heap(sampler, caveat::get), HeapProfile.allocs(sampler, caveat::get))) {
            caveat.set("memprof: 12 of 700 classes are not rewritten yet");
            assertTrue(comments(p.pprof()).contains(caveat.get()), p.name());
            caveat.set(null);
            assertFalse(comments(p.pprof()).stream().anyMatch(c -> c.contains("not rewritten")), p.name());
        }
    }

    private static List<String> comments(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ProfileProto.Profile p = ProfileProto.Profile.parseFrom(in);
            return p.getCommentList().stream().map(i -> p.getStringTable(i.intValue())).toList();
        }
    }
}
