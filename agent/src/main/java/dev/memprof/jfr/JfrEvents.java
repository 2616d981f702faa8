package dev.memprof.jfr;

import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the events of one recording file to handlers chosen by event name. The JDK parser reads one chunk at a
 * time and skips the events nobody subscribed to, so memory stays flat however large the file is.
 */
final class JfrEvents {

    /** The magic bytes that open every JFR chunk. */
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final int HEADER_BYTES = 68;

    private JfrEvents() {
    }

    /** What a read saw: the recording's span by its chunk headers, and events whose handler failed. */
    record Result(long startNanos, long endNanos, long failedEvents, String firstFailure) {
    }

    /**
     * Delivers each event of the subscribed types inside the window, in file order (not sorted by time: sorting
     * would cost memory and no converter needs it). A handler that throws skips its event and is counted: the
     * JDK would otherwise print the exception to stderr and go on.
     *
     * @throws JfrFormatException when the file is empty, truncated or not JFR
     */
    static Result read(Path file, TimeWindow window, Map<String, Consumer<RecordedEvent>> handlers)
            throws IOException {
        long[] span = checkChunks(file);
        long[] failed = {0};
        String[] firstFailure = {null};
        boolean bounded = window.from() != null || window.to() != null;
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setReuse(true);
            stream.setOrdered(false);
            if (window.from() != null) {
                stream.setStartTime(window.from());
            }
            if (window.to() != null) {
                stream.setEndTime(window.to());
            }
            handlers.forEach((name, handler) -> stream.onEvent(name, e -> {
                try {
                    if (!bounded || window.contains(e.getStartTime())) {
                        handler.accept(e);
                    }
                } catch (RuntimeException ex) {
                    if (failed[0]++ == 0) {
                        firstFailure[0] = name + ": " + reason(ex);
                    }
                }
            }));
            stream.start();
        } catch (JfrFormatException e) {
            throw e;
        } catch (IOException | RuntimeException | InternalError e) {
            throw new JfrFormatException(file + ": not a readable JFR recording (" + reason(e) + ")", e);
        }
        return new Result(span[0], span[1], failed[0], firstFailure[0]);
    }

    /**
     * Walks the chunk headers (68 bytes each: magic, version, chunk size, constant pool and metadata offsets, ...)
     * so that an empty, foreign or truncated file fails with a clear reason: the JDK's parser quietly stops at a
     * short chunk and would turn a truncated file into an empty profile.
     */
    private static long[] checkChunks(Path file) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length == 0) {
                throw new JfrFormatException(file + ": empty file, not a JFR recording", null);
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            long at = 0;
            int chunk = 0;
            while (at < length) {
                header.clear();
                while (header.hasRemaining() && ch.read(header, at + header.position()) > 0) {
                    // fill the header
                }
                header.flip();
                if (!hasMagic(header)) {
                    throw new JfrFormatException(file + (chunk == 0 ? ": not a JFR recording (no FLR header)"
                            : ": not a JFR recording after byte " + at), null);
                }
                if (header.remaining() < HEADER_BYTES) {
                    throw truncated(file, chunk);
                }
                int major = header.getShort(4);
                long size = header.getLong(8);
                long startNanos = header.getLong(32);
                long durationNanos = header.getLong(40);
                long constants = header.getLong(16);
                long metadata = header.getLong(24);
                if (major < 1 || major > 2) {
                    throw new JfrFormatException(file + ": unsupported JFR version " + major, null);
                }
                if (size == 0) {
                    throw new JfrFormatException(file + ": chunk " + chunk
                            + " was never finished (the recording is still being written, or its JVM died)", null);
                }
                if (size < HEADER_BYTES || at + size > length || constants <= 0 || constants >= size
                        || metadata <= 0 || metadata >= size) {
                    throw truncated(file, chunk);
                }
                first = Math.min(first, startNanos);
                last = Math.max(last, startNanos + Math.max(0, durationNanos));
                at += size;
                chunk++;
            }
        }
        return new long[]{first, last};
    }

    private static boolean hasMagic(ByteBuffer header) {
        if (header.remaining() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static JfrFormatException truncated(Path file, int chunk) {
        return new JfrFormatException(file + ": truncated JFR recording (chunk " + chunk + " is incomplete)", null);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        String r = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return r.replace('\n', ' ').replace('\r', ' ');
    }
}
