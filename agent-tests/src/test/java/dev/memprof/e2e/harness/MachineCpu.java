package dev.memprof.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc}: the whole machine's busy time, and that of the target and of this test JVM,
 * so a timing test can tell how much of the machine other processes (other builds on a shared box) took while it
 * measured. On a system without {@code /proc} every reading is zero.
 */
public record MachineCpu(double machineBusySeconds, double targetSeconds, double testSeconds, long nanos) {

    /** Linux reports {@code /proc} times in USER_HZ clock ticks, 100 a second on every mainstream architecture. */
    private static final double TICK_SECONDS = 0.01;

    public static MachineCpu now(long targetPid) {
        return new MachineCpu(machineBusyTicks() * TICK_SECONDS, processTicks(String.valueOf(targetPid)) * TICK_SECONDS,
                processTicks("self") * TICK_SECONDS, System.nanoTime());
    }

    /** Cores used on average since {@code earlier} by everything but the target and this JVM. */
    public double otherCoresSince(MachineCpu earlier) {
        double others = (machineBusySeconds - earlier.machineBusySeconds) - (targetSeconds - earlier.targetSeconds)
                - (testSeconds - earlier.testSeconds);
        return Math.max(0, others) / secondsSince(earlier);
    }

    /** Cores the target used on average since {@code earlier}. */
    public double targetCoresSince(MachineCpu earlier) {
        return (targetSeconds - earlier.targetSeconds) / secondsSince(earlier);
    }

    /** Cores this test JVM (the load's clients) used on average since {@code earlier}. */
    public double testCoresSince(MachineCpu earlier) {
        return (testSeconds - earlier.testSeconds) / secondsSince(earlier);
    }

    private double secondsSince(MachineCpu earlier) {
        return Math.max(1, nanos - earlier.nanos) / 1e9;
    }

    /** user + nice + system + irq + softirq + steal from the first line of {@code /proc/stat}. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime (fields 14 and 15) of {@code /proc/<pid>/stat}; the name in parentheses may hold spaces. */
    private static long processTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
