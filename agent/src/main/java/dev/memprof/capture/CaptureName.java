package dev.memprof.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of one capture, {@code heap_<reason>_<yyyyMMddTHHmmssZ>[-N].pb.gz}: the reason, the UTC second of
 * the event that triggered it, and a sequence number from 2 when that name was taken already.
 *
 * <p>This is the one rule for which files are ours: only names that {@link #parse} accepts are listed, served,
 * counted toward retention or deleted. It accepts only the canonical form that {@link #fileName()} writes, so that
 * one capture has exactly one name.
 */
public record CaptureName(CaptureReason reason, Instant time, int sequence) implements Comparable<CaptureName> {

    /** Sequence numbers above this are not tried: the directory has far too many captures of that second. */
    public static final int MAX_SEQUENCE = 9999;

    /** The shape of our names, for error messages. */
    public static final String SHAPE = "heap_<threshold|leak>_<yyyyMMddTHHmmssZ>[-N].pb.gz";

    private static final Pattern NAME = Pattern.compile(
            "heap_([a-z]{1,16})_([0-9]{8}T[0-9]{6}Z)(?:-([0-9]{1,4}))?\\.pb\\.gz");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final Comparator<CaptureName> ORDER = Comparator.comparing(CaptureName::time)
            .thenComparingInt(CaptureName::sequence).thenComparing(CaptureName::reason);

    public CaptureName {
        time = time.truncatedTo(ChronoUnit.SECONDS);
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence " + sequence);
        }
    }

    public String fileName() {
        return "heap_" + reason.label() + "_" + STAMP.format(time) + (sequence > 1 ? "-" + sequence : "") + ".pb.gz";
    }

    /** The name that {@code fileName} is, or null when it is not one of ours (in canonical form). */
    public static CaptureName parse(String fileName) {
        if (fileName == null || fileName.length() > 64) {
            return null;
        }
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        CaptureReason reason = CaptureReason.ofLabel(m.group(1));
        if (reason == null) {
            return null;
        }
        try {
            Instant time = Instant.from(STAMP.parse(m.group(2)));
            int sequence = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            if (sequence < 1) {
                return null;
            }
            CaptureName name = new CaptureName(reason, time, sequence);
            return name.fileName().equals(fileName) ? name : null; // "-1" and "-02" are not canonical
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Oldest first: by time, then sequence. */
    @Override
    public int compareTo(CaptureName o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return fileName();
    }
}
