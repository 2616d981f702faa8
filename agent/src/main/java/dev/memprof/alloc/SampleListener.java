package dev.memprof.alloc;

/** Receives allocation samples as they are taken (sessions use this to collect a window's samples). */
@FunctionalInterface
public interface SampleListener {
    void onSample(AllocationEvent event);
}
