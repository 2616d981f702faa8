package dev.memprof.jfr;

import java.util.Set;

/**
 * {@code block}: time threads spent parked ({@code jdk.ThreadPark}: {@code java.util.concurrent} locks, queues,
 * futures) or waiting in {@code Object.wait} ({@code jdk.JavaMonitorWait}), like Go's block profile.
 */
public final class BlockConverter extends ContentionConverter {

    static final String PARK = "jdk.ThreadPark";
    static final String WAIT = "jdk.JavaMonitorWait";

    public BlockConverter(TimeWindow window) {
        super(window, Set.of(PARK, WAIT));
    }
}
