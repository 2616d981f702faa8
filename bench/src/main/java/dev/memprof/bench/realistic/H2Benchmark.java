package dev.memprof.bench.realistic;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** A realistic workload: SQL against an H2 in-memory database (see {@link H2Workload}). One op = one transaction. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class H2Benchmark {

    private H2Workload workload;

    @Setup
    public void open() throws SQLException {
        workload = H2Workload.open("bench");
    }

    @TearDown
    public void close() throws SQLException {
        workload.close();
    }

    @Benchmark
    public long sql() throws SQLException {
        return workload.transaction();
    }
}
