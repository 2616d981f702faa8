package dev.memprof.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jcmd <pid> GC.class_histogram} of a target: the JVM runs a full GC first, so the figures are the live
 * heap, class by class (shallow bytes: an object's own fields, not what it points to).
 */
public record ClassHistogram(Map<String, long[]> byClass, long totalBytes, long totalInstances) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    public static ClassHistogram of(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram").start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jcmd GC.class_histogram did not finish within 120 s");
        }
        Map<String, long[]> rows = new LinkedHashMap<>();
        long bytes = -1;
        long instances = -1;
        for (String line : out.lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(3), new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                continue;
            }
            Matcher t = TOTAL.matcher(line.trim());
            if (t.matches()) {
                instances = Long.parseLong(t.group(1));
                bytes = Long.parseLong(t.group(2));
            }
        }
        if (bytes < 0) {
            throw new AssertionError("no histogram from jcmd (exit " + p.exitValue() + "): " + out + err.join());
        }
        return new ClassHistogram(rows, bytes, instances);
    }

    /** Shallow bytes of the instances of classes whose name starts with one of {@code prefixes}, minus {@code but}. */
    public long bytesOf(List<String> prefixes, List<String> but) {
        return sum(prefixes, but, 1);
    }

    public long instancesOf(List<String> prefixes, List<String> but) {
        return sum(prefixes, but, 0);
    }

    private long sum(List<String> prefixes, List<String> but, int column) {
        long total = 0;
        for (Map.Entry<String, long[]> e : byClass.entrySet()) {
            String name = e.getKey();
            if (prefixes.stream().anyMatch(name::startsWith) && but.stream().noneMatch(name::startsWith)) {
                total += e.getValue()[column];
            }
        }
        return total;
    }

    /** The {@code n} classes (among {@code prefixes}) whose bytes grew most since {@code earlier}, largest first. */
    public List<String> largestGrowth(ClassHistogram earlier, List<String> prefixes, int n) {
        return byClass.entrySet().stream()
                .filter(e -> prefixes.stream().anyMatch(e.getKey()::startsWith))
                .map(e -> {
                    long[] before = earlier.byClass.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[]{e.getValue()[0] - before[0], e.getValue()[1] - before[1]});
                })
                .filter(e -> e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(n)
                .map(e -> String.format("%s %+,d bytes in %+,d instances", e.getKey(), e.getValue()[1],
                        e.getValue()[0]))
                .toList();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
