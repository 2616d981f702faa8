package dev.memprof.cli;

import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code convert} on good and bad files: bad ones exit 2 with one line on stderr, quickly. */
@Timeout(60)
class ConvertCommandTest {

    @TempDir
    static Path dir;
    private static Path good;

    private record Run(int exit, String err) {
    }

    @BeforeAll
    static void record() throws Exception {
        good = dir.resolve("good.jfr");
        try (Recording r = new Recording(Map.of("jdk.ThreadPark#enabled", "true", "jdk.ThreadPark#threshold", "0 ms",
                "jdk.ThreadPark#stackTrace", "true"))) {
            r.start();
            for (int i = 0; i < 20; i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
            r.stop();
            r.dump(good);
        }
    }

    private static Run convert(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "convert";
            System.arraycopy(args, 0, all, 1, args.length);
            return new Run(Main.run(all), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private static void assertBadFile(Path in, String expectedFragment) {
        Path out = dir.resolve("out-" + System.nanoTime() + ".pb.gz");
        Run r = convert("--type", "block", in.toString(), out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("memprof: "), r.err());
        assertTrue(r.err().contains(expectedFragment), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "no output left behind");
    }

    @Test
    void goodFileConverts() throws Exception {
        Path out = dir.resolve("good.pb.gz");
        Run r = convert("--type", "block", good.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        byte[] bytes = Files.readAllBytes(out);
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertBadFile(empty, "empty file");
    }

    @Test
    void notJfr() throws Exception {
        Path text = Files.writeString(dir.resolve("text.jfr"), "this is not a flight recording\n".repeat(100));
        assertBadFile(text, "not a JFR recording");
    }

    @Test
    void truncatedFiles() throws Exception {
        byte[] all = Files.readAllBytes(good);
        for (int length : new int[]{3, 10, 68, all.length / 2, all.length - 1}) {
            Path cut = Files.write(dir.resolve("cut-" + length + ".jfr"), Arrays.copyOf(all, length));
            assertBadFile(cut, "cut-" + length + ".jfr");
        }
    }

    @Test
    void headerThenGarbage() throws Exception {
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        junk[0] = 'F';
        junk[1] = 'L';
        junk[2] = 'R';
        junk[3] = 0;
        assertBadFile(Files.write(dir.resolve("junk.jfr"), junk), "junk.jfr");
    }

    @Test
    void usageMistakesExit2() {
        assertEquals(2, convert().exit());
        assertEquals(2, convert("--type", "heap", good.toString(), "x.pb.gz").exit());
        assertEquals(2, convert("--from", "yesterday", good.toString(), "x.pb.gz").exit());
        assertEquals(2, convert(dir.resolve("missing.jfr").toString(), "x.pb.gz").exit());
    }
}
