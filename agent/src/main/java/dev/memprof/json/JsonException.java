package dev.memprof.json;

/** Malformed JSON; the message is one line that names the problem and its offset. */
public final class JsonException extends IllegalArgumentException {

    public JsonException(String message) {
        super(message);
    }
}
