package dev.memprof.memwatch;

/** A request memwatch cannot serve; {@link #kind()} says why, so the HTTP layer can pick the status. */
public final class MemwatchException extends Exception {

    public enum Kind { NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;

    public MemwatchException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
