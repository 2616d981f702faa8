package dev.memprof.memwatch;

/** Takes a {@link Census} of the live heap. */
public interface CensusSource {

    /** Takes one; may block (bounded) and throws {@link MemwatchException} when it cannot. */
    Census take() throws MemwatchException;
}
