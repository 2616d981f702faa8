package dev.memprof.pprof;

import java.util.function.BooleanSupplier;

/**
 * One profile served under {@code /debug/pprof/<name>}, the way Go's {@code runtime/pprof.Profile} is: it has a
 * name, a one-line description and a count for the index page, and writes itself as gzipped pprof or as text.
 */
public interface NamedProfile {

    String name();

    String description();

    /** The number shown on the index page (threads, samples, ...). */
    int count();

    /** The gzipped {@code profile.proto} form ({@code debug=0}). */
    byte[] pprof();

    /** The legacy text form for {@code debug >= 1}. */
    String text(int debug);

    /**
     * Go's {@code gc=1}: make the profile reflect a completed collection before it is written. Only the heap
     * profile does anything here.
     */
    default void collectGarbageFirst() throws InterruptedException {
    }

    /**
     * Whether the server may serve this profile's {@link #pprof()} bytes again for a few seconds (the bound is in
     * docs/security-and-limits.md, "Limits"). For profiles that are costly to build and read by many scrapers at once (heap,
     * allocs, goroutine).
     */
    default boolean reusable() {
        return false;
    }

    /** Whether {@code ?seconds=N} gives a delta profile. */
    default boolean supportsDelta() {
        return false;
    }

    /**
     * The profile of what happened over the next {@code seconds}, as gzipped pprof. Returns null when
     * {@code cancelled} turns true first (the client went away).
     */
    default byte[] delta(long seconds, BooleanSupplier cancelled) throws InterruptedException {
        throw new UnsupportedOperationException(name() + " has no delta form");
    }
}
