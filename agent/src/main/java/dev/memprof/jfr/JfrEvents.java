package dev.memprof.jfr;

import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

import java.io.IOException;
import java.nio.file.Files;
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

    private JfrEvents() {
    }

    /**
     * Delivers each event of the subscribed types inside the window, in file order (not sorted by time: sorting
     * would cost memory and no converter needs it).
     *
     * @throws JfrFormatException when the file is empty, truncated or not JFR
     */
    static void read(Path file, TimeWindow window, Map<String, Consumer<RecordedEvent>> handlers)
            throws IOException {
        checkMagic(file);
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
                if (window.contains(e.getStartTime())) {
                    handler.accept(e);
                }
            }));
            stream.start();
        } catch (JfrFormatException e) {
            throw e;
        } catch (IOException | RuntimeException | InternalError e) {
            throw new JfrFormatException(file + ": not a readable JFR recording (" + reason(e) + ")", e);
        }
    }

    private static void checkMagic(Path file) throws IOException {
        byte[] head = new byte[MAGIC.length];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw new JfrFormatException(file + ": empty file, not a JFR recording", null);
        }
        if (n < head.length || !java.util.Arrays.equals(head, MAGIC)) {
            throw new JfrFormatException(file + ": not a JFR recording (no FLR header)", null);
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        String r = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return r.replace('\n', ' ').replace('\r', ' ');
    }
}
