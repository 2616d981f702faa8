package dev.memprof.jfr;

import java.io.IOException;

/** A file that is not a readable JFR recording (empty, truncated, another format). The message is one line. */
public final class JfrFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public JfrFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
