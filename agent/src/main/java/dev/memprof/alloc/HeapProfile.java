package dev.memprof.alloc;

import dev.memprof.pprof.Labels;
import dev.memprof.pprof.NamedProfile;
import dev.memprof.pprof.ProfileBuilder;
import dev.memprof.pprof.SampleType;

import java.util.List;
import java.util.function.BooleanSupplier;

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

    private HeapProfile(String name, AllocationSampler sampler) {
        this.name = name;
        this.sampler = sampler;
    }

    public static HeapProfile heap(AllocationSampler sampler) {
        return new HeapProfile("heap", sampler);
    }

    public static HeapProfile allocs(AllocationSampler sampler) {
        return new HeapProfile("allocs", sampler);
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
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        HeapSnapshot after = sampler.snapshot();
        return write(HeapRows.delta(HeapRows.of(before), HeapRows.of(after)), before.timeNanos(),
                System.nanoTime() - start);
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
        for (HeapRows.Row r : rows) {
            b.addSample(r.stack(), r.values(), Labels.builder()
                    .num("bytes", r.averageSize())
                    .str("object", r.className())
                    .build());
        }
        return b.toGzippedBytes();
    }
}
