package dev.memprof.jfr;

import java.util.Set;

/** {@code mutex}: time threads waited to enter a contended {@code synchronized} block ({@code jdk.JavaMonitorEnter}). */
public final class MutexConverter extends ContentionConverter {

    static final String ENTER = "jdk.JavaMonitorEnter";

    public MutexConverter(TimeWindow window) {
        super(window, Set.of(ENTER));
    }
}
