package dev.memprof.pprof;

/** A pprof value type: what a sample value counts and in which unit, e.g. {@code alloc_space/bytes}. */
public record SampleType(String type, String unit) {

    public static final SampleType ALLOC_OBJECTS = new SampleType("alloc_objects", "count");
    public static final SampleType ALLOC_SPACE = new SampleType("alloc_space", "bytes");
    public static final SampleType INUSE_OBJECTS = new SampleType("inuse_objects", "count");
    public static final SampleType INUSE_SPACE = new SampleType("inuse_space", "bytes");
    public static final SampleType SAMPLES = new SampleType("samples", "count");
    public static final SampleType CPU = new SampleType("cpu", "nanoseconds");
    public static final SampleType CONTENTIONS = new SampleType("contentions", "count");
    public static final SampleType DELAY = new SampleType("delay", "nanoseconds");
    public static final SampleType GOROUTINE = new SampleType("goroutine", "count");
    public static final SampleType THREADCREATE = new SampleType("threadcreate", "count");
}
