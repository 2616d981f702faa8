package dev.memprof.bench.realistic;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A realistic workload: Jackson data binding. One op = serialize 50 orders to JSON bytes and bind them back. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class JsonBenchmark {

    public record Line(String sku, int quantity, double price) {
    }

    public record Order(long id, String customer, List<String> tags, List<Line> lines) {
    }

    private static final TypeReference<List<Order>> ORDERS = new TypeReference<>() {
    };

    private final ObjectMapper mapper = new ObjectMapper();
    private List<Order> orders;

    @Setup
    public void setup() {
        orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<Line> lines = new ArrayList<>();
            for (int j = 0; j < 5; j++) {
                lines.add(new Line("SKU-" + (i * 7 + j), j + 1, 9.99 + j));
            }
            orders.add(new Order(i, "customer-" + i, List.of("priority", "region-" + (i % 4)), lines));
        }
    }

    @Benchmark
    public int roundTrip() throws IOException {
        byte[] json = mapper.writeValueAsBytes(orders);
        List<Order> back = mapper.readValue(json, ORDERS);
        return json.length + back.size();
    }
}
