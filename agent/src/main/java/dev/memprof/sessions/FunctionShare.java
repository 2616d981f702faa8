package dev.memprof.sessions;

/**
 * One entry of {@code topAllocFunctions}.
 *
 * @param funcName      dotted {@code Class.method}
 * @param pkg           the Java package ("" for the default package)
 * @param selfPct       percent of the window's (unsampled) bytes allocated in this function itself
 * @param cumulativePct percent allocated in it or in what it called
 * @param sampleCount   samples whose stack holds this function
 */
public record FunctionShare(String funcName, String pkg, double selfPct, double cumulativePct, long sampleCount) {
}
