package dev.memprof.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The capture directory: writes captures under their {@link CaptureName}, lists them, deletes the oldest past the
 * retention limit and reads one back. Files whose names are not ours are never listed, served or deleted.
 *
 * <p>Writes go to a hidden temporary file first and are then renamed, so a listed capture is always complete.
 * Symbolic links are not followed. One writer (the capture thread); readers may run at the same time.
 */
public final class CaptureDirectory {

    /** Directory entries looked at per listing, so a directory flooded with other files costs a bounded time. */
    static final int MAX_ENTRIES = 100_000;
    /** The largest capture served; a heap profile is a few MiB even with every table at its cap. */
    static final long MAX_READ = 256L << 20;
    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".tmp";

    /** One capture on disk. */
    public record Capture(CaptureName name, long size) {
    }

    private final Path dir;

    private CaptureDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the directory if missing and checks that a file can be written there; removes temporary files that
     * an earlier run left behind (only ours).
     */
    public static CaptureDirectory open(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        Files.createDirectories(d);
        Path probe = d.resolve(".memprof-write-check" + TEMP_SUFFIX);
        Files.write(probe, new byte[0]);
        Files.delete(probe);
        CaptureDirectory c = new CaptureDirectory(d);
        c.removeStaleTemporaries();
        return c;
    }

    public Path path() {
        return dir;
    }

    /** Writes a capture under the first free name for this reason and second; returns that name. */
    public CaptureName write(CaptureReason reason, Instant time, byte[] bytes) throws IOException {
        CaptureName name = freeName(reason, time);
        Path temp = dir.resolve(TEMP_PREFIX + name.fileName() + TEMP_SUFFIX);
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            Files.move(temp, dir.resolve(name.fileName()), StandardCopyOption.ATOMIC_MOVE);
            return name;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private CaptureName freeName(CaptureReason reason, Instant time) throws IOException {
        for (int seq = 1; seq <= CaptureName.MAX_SEQUENCE; seq++) {
            CaptureName name = new CaptureName(reason, time, seq);
            if (!Files.exists(dir.resolve(name.fileName()), LinkOption.NOFOLLOW_LINKS)) {
                return name;
            }
        }
        throw new IOException("no free capture name for " + reason.label() + " at " + time);
    }

    /** Our captures, oldest first. */
    public List<Capture> list() throws IOException {
        List<Capture> captures = new ArrayList<>();
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (++seen > MAX_ENTRIES) {
                    break;
                }
                CaptureName name = CaptureName.parse(p.getFileName().toString());
                if (name == null) {
                    continue;
                }
                BasicFileAttributes a = attributes(p);
                if (a != null && a.isRegularFile()) {
                    captures.add(new Capture(name, a.size()));
                }
            }
        }
        captures.sort(Comparator.comparing(Capture::name));
        return captures;
    }

    /** Deletes the oldest captures until at most {@code max} are left; returns how many it deleted. */
    public int retain(int max) throws IOException {
        List<Capture> captures = list();
        int deleted = 0;
        for (int i = 0; i < captures.size() - max; i++) {
            if (Files.deleteIfExists(dir.resolve(captures.get(i).name().fileName()))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** The bytes of one capture, or null when there is none by that name. */
    public byte[] read(CaptureName name) throws IOException {
        Path p = dir.resolve(name.fileName());
        BasicFileAttributes a = attributes(p);
        if (a == null || !a.isRegularFile()) {
            return null;
        }
        if (a.size() > MAX_READ) {
            throw new IOException("capture " + name + " is larger than " + MAX_READ + " bytes");
        }
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) MAX_READ);
        } catch (NoSuchFileException e) {
            return null; // deleted by retention meanwhile
        }
    }

    private void removeStaleTemporaries() throws IOException {
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "heap_*" + TEMP_SUFFIX)) {
            for (Path p : entries) {
                if (++seen > MAX_ENTRIES) {
                    break;
                }
                String f = p.getFileName().toString();
                String inner = f.substring(TEMP_PREFIX.length(), f.length() - TEMP_SUFFIX.length());
                if (CaptureName.parse(inner) != null) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
