package dev.memprof.alloc;

import dev.memprof.pprof.DeltaWindow;
import dev.memprof.pprof.Labels;
import dev.memprof.pprof.NamedProfile;
import dev.memprof.pprof.ProfileBuilder;
import dev.memprof.pprof.SampleType;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The {@code heap} and {@code allocs} profiles: the same sampled table with Go's four sample types. They differ only
 * in the default sample type ({@code allocs} shows alloc_space; {@code heap} leaves it unset, so pprof shows
 * inuse_space) and in that {@code heap} honours {@code gc=1}.
 */
public final class HeapProfile implements NamedProfile {

    private static final List<SampleType> TYPES = List.of(SampleType.ALLOC_OBJECTS, SampleType.ALLOC_SPACE,
            SampleType.INUSE_OBJECTS, SampleType.INUSE_SPACE);

    private final String name;
    private final AllocationSampler sampler;
    private final Supplier<String> caveat;

    private HeapProfile(String name, AllocationSampler sampler, Supplier<String> caveat) {
        this.name = name;
        this.sampler = sampler;
        this.caveat = caveat;
    }

    public static HeapProfile heap(AllocationSampler sampler) {
        return heap(sampler, () -> null);
    }

    public static HeapProfile allocs(AllocationSampler sampler) {
        return allocs(sampler, () -> null);
    }

    /**
     * @param caveat what the profile cannot see yet (for example classes still to be rewritten), put in its
     *               comment while it is not null
     */
    public static HeapProfile heap(AllocationSampler sampler, Supplier<String> caveat) {
        return new HeapProfile("heap", sampler, caveat);
    }

    public static HeapProfile allocs(AllocationSampler sampler, Supplier<String> caveat) {
        return new HeapProfile("allocs", sampler, caveat);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return name.equals("heap")
                ? "A sampling of memory allocations of live objects. You can specify the gc GET parameter to run GC "
                + "before taking the heap sample."
                : "A sampling of all past memory allocations";
    }

    @Override
    public int count() {
        return sampler.stats().buckets();
    }

    @Override
    public void collectGarbageFirst() throws InterruptedException {
        if (name.equals("heap")) {
            sampler.collectGarbage();
        }
    }

    @Override
    public byte[] pprof() {
        HeapSnapshot snap = sampler.snapshot();
        return write(HeapRows.of(snap), snap.timeNanos(), 0);
    }

    @Override
    public String text(int debug) {
        return HeapLegacyText.format(sampler.snapshot());
    }

    @Override
    public boolean reusable() {
        return true; // building the table into pprof costs CPU the host pays for; scrapers share one build a second
    }

    @Override
    public boolean supportsDelta() {
        return true;
    }

    @Override
    public byte[] delta(long seconds, BooleanSupplier cancelled) throws InterruptedException {
        HeapSnapshot before = sampler.snapshot();
        long waited = DeltaWindow.await(seconds, cancelled);
        if (waited < 0) {
            return null;
        }
        HeapSnapshot after = sampler.snapshot();
        return write(HeapRows.delta(HeapRows.of(before), HeapRows.of(after)), before.timeNanos(), waited);
    }

    private byte[] write(List<HeapRows.Row> rows, long timeNanos, long durationNanos) {
        ProfileBuilder b = new ProfileBuilder(TYPES)
                .period(SampleType.ALLOC_SPACE, sampler.rate())
                .timeNanos(timeNanos);
        if (durationNanos > 0) {
            b.durationNanos(durationNanos);
        }
        if (name.equals("allocs")) {
            b.defaultSampleType(SampleType.ALLOC_SPACE);
        }
        String notYetSeen = caveat.get();
        if (notYetSeen != null) {
            b.comment(notYetSeen);
        }
        for (HeapRows.Row r : rows) {
            b.addSample(r.stack(), r.values(), Labels.builder()
                    .num("bytes", r.averageSize())
                    .str("object", r.className())
                    .build());
        }
        return b.toGzippedBytes();
    }
}
