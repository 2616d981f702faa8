package dev.memprof.memwatch;

/**
 * The shape of {@code /ah/memoryProfile/status} and of each stored profile.
 *
 * @param lastEvent "" before anything happened, else "stats", "leak" or "diff"
 * @param lastGC    GC statistics (for a profile: as of its end, or its start while it runs)
 * @param growth    the trend of the base over the sliding window (as of the profile's end, for a profile)
 * @param lastLeak  the latest leak event, or null
 * @param lastDiff  the latest diff, or null (a profile that has not ended)
 */
public record Status(String lastEvent, GcStats.View lastGC, GrowthTrend.View growth, LeakEvent lastLeak, HeapDiff lastDiff) {
}
