import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An allocation-heavy loop (strings, maps, lists) for ring-overhead.sh: runs for the given seconds after a warm-up
 * of the same length and prints the operations per second of the measured part.
 */
public class AllocThroughput {

    static volatile int sink;

    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        run(seconds); // warm-up
        System.out.println("ops/s " + run(seconds) / seconds);
    }

    static long run(long seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long ops = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                Map<String, List<Integer>> m = new HashMap<>();
                for (int j = 0; j < 8; j++) {
                    List<Integer> l = new ArrayList<>();
                    l.add(i * j);
                    m.put("k" + j + i, l);
                }
                sink += m.size();
            }
            ops += 1000;
        }
        return ops;
    }
}
