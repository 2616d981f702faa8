package dev.memprof.cli;

import dev.memprof.jfr.JfrFormatException;
import dev.memprof.jfr.ProfileKind;
import dev.memprof.jfr.TimeWindow;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code convert [--type T] [--from T --to T] in.jfr out.pb.gz}: one JFR recording to one gzipped pprof profile.
 * A file that is not a readable recording exits 2 with one line on stderr.
 */
final class ConvertCommand {

    static final String USAGE = "usage: convert [--type " + ProfileKind.ids().replace(", ", "|")
            + "] [--from TIME] [--to TIME] in.jfr out.pb.gz";

    private ConvertCommand() {
    }

    static int run(String[] args) throws Exception {
        ProfileKind kind = ProfileKind.CPU;
        Instant from = null;
        Instant to = null;
        Path in = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--type" -> {
                    String id = value(args, ++i, a);
                    kind = ProfileKind.of(id);
                    if (kind == null) {
                        throw new Main.UsageException("unknown type '" + id + "': expected one of " + ProfileKind.ids());
                    }
                }
                case "--from" -> from = instant(value(args, ++i, a));
                case "--to" -> to = instant(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new Main.UsageException("unknown option " + a + "; " + USAGE);
                    } else if (in == null) {
                        in = Path.of(a);
                    } else if (out == null) {
                        out = Path.of(a);
                    } else {
                        throw new Main.UsageException("too many arguments; " + USAGE);
                    }
                }
            }
        }
        if (out == null) {
            throw new Main.UsageException(USAGE);
        }
        TimeWindow window;
        try {
            window = new TimeWindow(from, to);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        if (!Files.isRegularFile(in)) {
            throw new Main.UsageException(in + ": no such file");
        }
        try {
            kind.converter(window).convert(in, out);
        } catch (JfrFormatException | NoSuchFileException e) {
            Files.deleteIfExists(out);
            throw new Main.UsageException(e.getMessage());
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) throws Main.UsageException {
        if (i >= args.length) {
            throw new Main.UsageException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static Instant instant(String text) throws Main.UsageException {
        try {
            return TimeWindow.parseInstant(text);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }
}
