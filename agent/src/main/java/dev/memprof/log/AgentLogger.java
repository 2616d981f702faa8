package dev.memprof.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintStream;

/**
 * Writes one line per event to stderr, prefixed {@code memprof:} so a host's operators can tell our lines from
 * theirs. Stack traces are printed only at debug level: at info a failure is one line, never a trace.
 */
final class AgentLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    AgentLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevel.TRACE.enabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevel.DEBUG.enabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevel.INFO.enabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevel.WARN.enabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevel.ERROR.enabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        StringBuilder line = new StringBuilder(message.length() + 32).append("memprof: ");
        if (level == Level.WARN) {
            line.append("warning: ");
        } else if (level == Level.ERROR) {
            line.append("error: ");
        } else if (level == Level.DEBUG || level == Level.TRACE) {
            line.append(level.name().toLowerCase()).append(": ");
        }
        line.append(message);
        if (throwable != null && !LogLevel.DEBUG.enabled()) {
            line.append(" (").append(describe(throwable)).append(')');
        }
        PrintStream err = System.err;
        err.println(line);
        if (throwable != null && LogLevel.DEBUG.enabled()) {
            throwable.printStackTrace(err);
        }
    }

    /** A one-line description of a failure: its type and message, without a trace. */
    static String describe(Throwable t) {
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + msg;
    }
}
