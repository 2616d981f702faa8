package dev.memprof.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A small streaming JSON writer: objects, arrays, strings, integral and decimal numbers, booleans and null. It
 * places the commas itself and rejects misuse (a value where a name is due, unbalanced ends) with
 * {@link IllegalStateException}, so a handler bug shows up in a unit test rather than as broken JSON.
 */
public final class JsonWriter {

    private static final int MAX_DEPTH = 64;

    private final StringBuilder out = new StringBuilder(256);
    /** Per open container: 'o' object awaiting a name, 'v' object awaiting a value, 'a' array. */
    private final char[] stack = new char[MAX_DEPTH];
    /** Per open container: whether it already holds an element (so the next one needs a comma). */
    private final boolean[] nonEmpty = new boolean[MAX_DEPTH];
    private int depth;
    private boolean done;

    public JsonWriter beginObject() {
        beforeValue();
        push('o');
        out.append('{');
        return this;
    }

    public JsonWriter endObject() {
        if (depth == 0 || stack[depth - 1] != 'o') {
            throw new IllegalStateException("endObject without an open object awaiting a name");
        }
        depth--;
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        push('a');
        out.append('[');
        return this;
    }

    public JsonWriter endArray() {
        if (depth == 0 || stack[depth - 1] != 'a') {
            throw new IllegalStateException("endArray without an open array");
        }
        depth--;
        out.append(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (depth == 0 || stack[depth - 1] != 'o') {
            throw new IllegalStateException("a name is only valid inside an object, before its value");
        }
        if (nonEmpty[depth - 1]) {
            out.append(',');
        }
        nonEmpty[depth - 1] = true;
        quote(out, name);
        out.append(':');
        stack[depth - 1] = 'v';
        return this;
    }

    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        quote(out, s);
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    /** A decimal number; NaN and infinities, which JSON cannot hold, are written as null. */
    public JsonWriter value(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return nullValue();
        }
        beforeValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    /** An ISO-8601 UTC timestamp with millisecond precision ({@code 2026-01-02T03:04:05.678Z}), or null. */
    public JsonWriter value(Instant t) {
        return t == null ? nullValue() : value(DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS)));
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Convenience: {@code name(n).value(v)}. */
    public JsonWriter field(String n, String v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, long v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, double v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, Instant v) {
        return name(n).value(v);
    }

    public JsonWriter field(String n, boolean v) {
        return name(n).value(v);
    }

    /** The finished document; fails when a container is still open. */
    @Override
    public String toString() {
        if (depth != 0 || !done) {
            throw new IllegalStateException("incomplete JSON document");
        }
        return out.toString();
    }

    private void beforeValue() {
        if (depth == 0) {
            if (done) {
                throw new IllegalStateException("a JSON document holds one top-level value");
            }
            done = true;
            return;
        }
        char state = stack[depth - 1];
        if (state == 'o') {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        if (state == 'v') {
            stack[depth - 1] = 'o';
        } else {
            if (nonEmpty[depth - 1]) {
                out.append(',');
            }
            nonEmpty[depth - 1] = true;
        }
    }

    private void push(char kind) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        stack[depth] = kind;
        nonEmpty[depth] = false;
        depth++;
    }

    /** Appends a JSON string literal; control characters and the line separators are escaped. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
