package dev.memprof.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class CaptureDirectoryTest {

    private static final Instant T = Instant.parse("2026-11-23T10:15:00Z");

    @TempDir
    Path tmp;

    @Test
    void createsAMissingDirectoryAndRefusesOneItCannotUse() throws IOException {
        Path nested = tmp.resolve("a/b/captures");
        assertEquals(nested, CaptureDirectory.open(nested).path());
        assertTrue(Files.isDirectory(nested));
        assertEquals(List.of(), Files.list(nested).toList(), "the write check leaves nothing behind");

        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThrows(IOException.class, () -> CaptureDirectory.open(file));
        assertThrows(IOException.class, () -> CaptureDirectory.open(file.resolve("below")));
    }

    @Test
    void writesListsOldestFirstAndAddsASuffixWhenASecondIsTaken() throws IOException {
        CaptureDirectory d = CaptureDirectory.open(tmp);
        CaptureName first = d.write(CaptureReason.LEAK, T.plusMillis(100), new byte[]{1, 2, 3});
        CaptureName second = d.write(CaptureReason.LEAK, T.plusMillis(900), new byte[]{4});
        CaptureName earlier = d.write(CaptureReason.THRESHOLD, T.minusSeconds(5), new byte[]{5, 6});
        assertEquals("heap_leak_20261123T101500Z.pb.gz", first.fileName());
        assertEquals("heap_leak_20261123T101500Z-2.pb.gz", second.fileName());
        assertEquals(List.of(new CaptureDirectory.Capture(earlier, 2), new CaptureDirectory.Capture(first, 3),
                new CaptureDirectory.Capture(second, 1)), d.list());
        assertArrayEquals(new byte[]{1, 2, 3}, d.read(first));
        assertNull(d.read(new CaptureName(CaptureReason.LEAK, T.plusSeconds(60), 1)));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void retentionDeletesOnlyTheOldestOfOurs() throws IOException {
        Path foreign = Files.writeString(tmp.resolve("notes.txt"), "keep me");
        Path lookalike = Files.writeString(tmp.resolve("heap_leak_2026.pb.gz"), "keep me too");
        Path dirLikeOurs = Files.createDirectory(tmp.resolve("heap_leak_20000101T000000Z.pb.gz"));
        CaptureDirectory d = CaptureDirectory.open(tmp);
        for (int i = 0; i < 5; i++) {
            d.write(i % 2 == 0 ? CaptureReason.LEAK : CaptureReason.THRESHOLD, T.plusSeconds(i), new byte[]{(byte) i});
        }
        assertEquals(2, d.retain(3));
        List<CaptureDirectory.Capture> left = d.list();
        assertEquals(List.of(T.plusSeconds(2), T.plusSeconds(3), T.plusSeconds(4)),
                left.stream().map(c -> c.name().time()).toList());
        assertTrue(Files.exists(foreign) && Files.exists(lookalike) && Files.isDirectory(dirLikeOurs));
        assertEquals(0, d.retain(3));
    }

    @Test
    void symbolicLinksAreNeitherListedNorServed() throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret"), "not a profile");
        Path dir = Files.createDirectory(tmp.resolve("caps"));
        CaptureName name = new CaptureName(CaptureReason.LEAK, T, 1);
        Files.createSymbolicLink(dir.resolve(name.fileName()), outside);
        CaptureDirectory d = CaptureDirectory.open(dir);
        assertEquals(List.of(), d.list());
        assertNull(d.read(name));
        assertEquals(0, d.retain(0));
        assertTrue(Files.isSymbolicLink(dir.resolve(name.fileName())));
        assertEquals("heap_leak_20261123T101500Z-2.pb.gz", d.write(CaptureReason.LEAK, T, new byte[1]).fileName(),
                "the link's name stays taken");
    }

    @Test
    void staleTemporariesOfOursAreRemovedAtOpen() throws IOException {
        Path stale = Files.writeString(tmp.resolve(".heap_leak_20261123T101500Z.pb.gz.tmp"), "half");
        Path other = Files.writeString(tmp.resolve(".heap_other.tmp"), "not ours");
        CaptureDirectory.open(tmp);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other));
    }
}
