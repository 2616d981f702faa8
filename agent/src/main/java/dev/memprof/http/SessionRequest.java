package dev.memprof.http;

import dev.memprof.json.JsonException;
import dev.memprof.json.JsonParser;

import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/profiling/sessions}: optional, {@code {"durationSeconds": N, "label": "..."}}.
 * Strict: anything else, an unknown field included, is a {@link JsonException} with a one-line reason.
 */
record SessionRequest(long durationSeconds, String label) {

    static final long DEFAULT_SECONDS = 60;
    static final int MAX_LABEL = 128;

    static SessionRequest parse(byte[] body, int maxSeconds) {
        String text = utf8(body);
        if (text.isBlank()) {
            return new SessionRequest(Math.min(DEFAULT_SECONDS, maxSeconds), null);
        }
        Map<String, Object> m = JsonParser.parseObject(text);
        long seconds = Math.min(DEFAULT_SECONDS, maxSeconds);
        String label = null;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            switch (e.getKey()) {
                case "durationSeconds" -> seconds = seconds(e.getValue(), maxSeconds);
                case "label" -> label = label(e.getValue());
                default -> throw new JsonException("unknown field \"" + e.getKey() + "\"");
            }
        }
        return new SessionRequest(seconds, label);
    }

    private static long seconds(Object v, int maxSeconds) {
        try {
            long s = ((BigDecimal) v).longValueExact();
            if (s >= 1 && s <= maxSeconds) {
                return s;
            }
        } catch (ClassCastException | ArithmeticException ignored) {
            // reported below
        }
        throw new JsonException("durationSeconds must be an integer from 1 to " + maxSeconds);
    }

    private static String label(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.length() > MAX_LABEL) {
            throw new JsonException("label must be a string of at most " + MAX_LABEL + " characters");
        }
        return s;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("body is not UTF-8");
        }
    }
}
