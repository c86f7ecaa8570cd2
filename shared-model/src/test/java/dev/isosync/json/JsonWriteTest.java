package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonWriteTest {

    @Test
    void scalars() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("false", Json.write(false));
        assertEquals("\"x\"", Json.write("x"));
    }

    @Test
    void anyNumberIsWrittenAsTheDoubleJavaScriptWouldPrint() {
        assertEquals("1", Json.write(1));
        assertEquals("1", Json.write(1.0));
        assertEquals("-1.5", Json.write(-1.5));
        assertEquals("0", Json.write(-0.0));
        assertEquals("1764115200123", Json.write(1764115200123L));
        assertEquals("9223372036854776000", Json.write(Long.MAX_VALUE));
        assertEquals("0.10000000149011612", Json.write(0.1f)); // the float's exact value, widened
        assertEquals("0.1", Json.write(new BigDecimal("0.1")));
        assertEquals("1e+21", Json.write(BigInteger.TEN.pow(21)));
        assertEquals("7", Json.write((byte) 7));
        assertEquals("1e+21", Json.write(1e21));
        assertEquals("100000000000000000000", Json.write(1e20));
        assertEquals("1e-7", Json.write(1e-7));
        assertEquals("0.000001", Json.write(1e-6));
        assertEquals("1.23e-18", Json.write(123e-20));
        assertEquals("5e-324", Json.write(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", Json.write(Double.MAX_VALUE));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        assertEquals("[null,null,null,null]",
                Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)));
    }

    @Test
    void stringsAreEscapedAsWellFormedJsonStringify() {
        assertEquals("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u0001\\u000b\\u001f /\"",
                Json.write("\"\\\b\f\n\r\t\u0000\u0001\u000b\u001f /"));
        // No escapes for DEL, U+2028 or anything else canonical-json escapes: that is transport, not hashing.
        assertEquals("\"\u007f\u00ad\u2028\u2029\ufeff\uffff\u00e9\"", Json.write("\u007f\u00ad\u2028\u2029\ufeff\uffff\u00e9"));
    }

    @Test
    void surrogatePairsAreRawAndLoneSurrogatesEscaped() {
        assertEquals("\"\ud83d\ude00\"", Json.write("\ud83d\ude00"));
        assertEquals("\"\\ud800\"", Json.write("\ud800"));
        assertEquals("\"\\udfff\"", Json.write("\udfff"));
        assertEquals("\"a\\ud83db\"", Json.write("a\ud83db"));
        assertEquals("\"\\ude00\\ud83d\"", Json.write("\ude00\ud83d"));
        assertEquals("\"\\ud83d\ud83d\ude00\"", Json.write("\ud83d\ud83d\ude00"));
        assertEquals("\"\ud83d\ude00\\ude00\"", Json.write("\ud83d\ude00\ude00"));
    }

    @Test
    void mapsAreWrittenInIterationOrder() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", 1);
        object.put("a", Arrays.asList(true, null, "x"));
        object.put("c", Collections.emptyMap());
        assertEquals("{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{}}", Json.write(object));
        assertEquals("{\"a\":1,\"b\":2}", Json.write(new TreeMap<>(Map.of("b", 2, "a", 1))));
        assertEquals("[]", Json.write(Collections.emptyList()));
    }

    @Test
    void keysAreEscapedLikeValues() {
        assertEquals("{\"a\\n\\\"\\ud800\":0}", Json.write(Collections.singletonMap("a\n\"\ud800", 0)));
    }

    @Test
    void unsupportedValuesAreRefusedNamingTheirType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.write(Arrays.asList(1, 'c')));
        assertTrue(e.getMessage().startsWith("Cannot write a java.lang.Character as JSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.write(new int[] {1}));
        assertTrue(e.getMessage().contains("[I"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.write(Collections.singletonMap(1, "x")));
        assertEquals("Cannot write a map key of type java.lang.Integer as JSON: keys must be Strings", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.write(Collections.singletonMap(null, "x")));
        assertEquals("Cannot write a map key of type null as JSON: keys must be Strings", e.getMessage());
    }
}
