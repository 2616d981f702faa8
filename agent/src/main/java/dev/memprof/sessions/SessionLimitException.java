package dev.memprof.sessions;

/** Refused: {@value SessionRegistry#MAX_LIVE} sessions are already running. */
public final class SessionLimitException extends Exception {

    public SessionLimitException(String message) {
        super(message, null, false, false);
    }
}
