package dev.memprof.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class JsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        Map<String, Object> m = JsonParser.parseObject(
                " {\"n\": -12.5e1, \"z\": 0, \"s\": \"a\\u0041\\n\\/\", \"t\": true, \"f\": false, \"x\": null,"
                        + " \"l\": [1, [], {}]} ");
        assertEquals(new BigDecimal("-12.5e1"), m.get("n"));
        assertEquals(BigDecimal.ZERO, m.get("z"));
        assertEquals("aA\n/", m.get("s"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("x"));
        assertNull(m.get("x"));
        assertEquals(3, ((List<?>) m.get("l")).size());
        assertEquals(List.of("n", "z", "s", "t", "f", "x", "l"), List.copyOf(m.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{a:1}", "'x'", "01", "1.",
            "-", "1e", "+1", "tru", "nul", "\"\\x\"", "\"a", "\"\u0001\"", "{\"a\":1}x", "{\"a\":1,\"a\":2}",
            "NaN", "[1 2]", "\"\\u12\"", "{\"a\":1}{}"})
    void rejectsMalformedInput(String text) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().contains("at offset") || e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void boundsNesting() {
        char[] open = new char[100];
        Arrays.fill(open, '[');
        assertThrows(JsonException.class, () -> JsonParser.parse(new String(open)));
    }

    @Test
    void topLevelMustBeAnObjectWhenAskedFor() {
        assertThrows(JsonException.class, () -> JsonParser.parseObject("[1]"));
        assertNull(JsonParser.parse("null"));
    }
}
