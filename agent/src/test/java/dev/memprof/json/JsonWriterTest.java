package dev.memprof.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class JsonWriterTest {

    @Test
    void writesNestedDocumentsWithCommasInPlace() {
        String json = new JsonWriter().beginObject()
                .field("a", 1)
                .field("b", "x\"y\\z\n\u0001")
                .name("c").beginArray().value(1.5).value(true).nullValue().beginObject().endObject().endArray()
                .field("t", Instant.parse("2026-01-02T03:04:05.678912Z"))
                .field("n", -3.0)
                .endObject().toString();
        assertEquals("{\"a\":1,\"b\":\"x\\\"y\\\\z\\n\\u0001\",\"c\":[1.5,true,null,{}],"
                + "\"t\":\"2026-01-02T03:04:05.678Z\",\"n\":-3}", json);
    }

    @Test
    void roundTripsThroughTheParser() {
        String json = new JsonWriter().beginObject().field("label", "caf\u00e9 \u2028 \"q\"").field("big",
                Long.MAX_VALUE).name("list").beginArray().value("a").value(-0.25).endArray().endObject().toString();
        Map<String, Object> m = JsonParser.parseObject(json);
        assertEquals("caf\u00e9 \u2028 \"q\"", m.get("label"));
        assertEquals(Long.MAX_VALUE, ((java.math.BigDecimal) m.get("big")).longValueExact());
        assertEquals(List.of("a", new java.math.BigDecimal("-0.25")), m.get("list"));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("[null,null]", new JsonWriter().beginArray().value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).endArray().toString());
    }

    @Test
    void rejectsMisuse() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().toString());
    }
}
