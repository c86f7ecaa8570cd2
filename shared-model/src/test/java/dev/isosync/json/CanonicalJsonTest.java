package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    /** Parses a (deliberately non-canonical) JSON text and asserts its canonical form and revision. */
    private static void assertRevision(String json, String expectedCanonical, String expectedSha1) {
        String canonical = CanonicalJson.write(Json.parse(json));
        assertEquals(expectedCanonical, canonical);
        assertEquals(expectedSha1, Sha1.hexOfUtf8(canonical));
    }

    // The four vectors of PROTOCOL.md 1.2, each built from a text with shuffled keys and other spellings.

    @Test
    void protocolVectorTodoWithDefaultCompleted() {
        assertRevision("{ \"title\": \"a\", \"id\": \"t1\", \"completed\": false }",
                "{\"completed\":false,\"id\":\"t1\",\"title\":\"a\"}",
                "535d5dff67fc98e7af8faebfdbd1f8c9d49d3155");
    }

    @Test
    void protocolVectorNestedObjectDateAndEscapes() {
        assertRevision("{\"title\":\"h\\u00e9llo \\\"q\\\"\\n\\u2028\",\"tags\":[\"b\",\"a\"],"
                        + "\"obj\":{\"z\":1.0,\"a\":{\"y\":[1,2e0],\"b\":null}},\"n\":15e-1,\"id\":\"x\","
                        + "\"d\":\"2020-01-02T03:04:05.006Z\"}",
                "{\"d\":\"2020-01-02T03:04:05.006Z\",\"id\":\"x\",\"n\":1.5,\"obj\":{\"a\":{\"b\":null,\"y\":[1,2]},"
                        + "\"z\":1},\"tags\":[\"b\",\"a\"],\"title\":\"h\u00e9llo \\\"q\\\"\\n\\u2028\"}",
                "479eece5f5a917c0286658c8b44ef13e9a18497b");
    }

    @Test
    void protocolVectorNumbersAndWideEscapes() {
        assertRevision("{\"z\":-0,\"t\":true,\"small\":0.0000001,\"neg\":-1.50,\"n\":1000000000000000000000,"
                        + "\"m\":0.30000000000000004,\"d\":\"2016-02-29T00:00:00.000Z\",\"big\":12345678901234567890,"
                        + "\"arr\":[null,null,null,null],\"a\":\"\\u007F\\u00AD\\uD83D\\uDE00\u00e9\\u0007\"}",
                "{\"a\":\"\\u007f\\u00ad\ud83d\ude00\u00e9\\u0007\",\"arr\":[null,null,null,null],"
                        + "\"big\":12345678901234567000,\"d\":\"2016-02-29T00:00:00.000Z\",\"m\":0.30000000000000004,"
                        + "\"n\":1e+21,\"neg\":-1.5,\"small\":1e-7,\"t\":true,\"z\":0}",
                "5fd81196a1cdaaa3bfb52f64fd7b09ba21ea4ed7");
    }

    @Test
    void protocolVectorNullPropertyIsHashed() {
        assertRevision("{\"u\":null,\"title\":\"t\",\"id\":\"y\"}",
                "{\"id\":\"y\",\"title\":\"t\",\"u\":null}",
                "ef10fa6d48781fff7039fbb02c7eb8a924c5511b");
    }

    // The Todo vectors of PROTOCOL.md 9.2 (persistUndefinedAsNull: every declared property present).

    @Test
    void todoVectorWithUnsetCreated() {
        assertRevision("{\"id\":\"t1\",\"title\":\"a\",\"completed\":false,\"created\":null}",
                "{\"completed\":false,\"created\":null,\"id\":\"t1\",\"title\":\"a\"}",
                "cfa1f9be556e475d7a488fe62162d165876a983d");
    }

    @Test
    void todoVectorWithCreatedMillis() {
        assertRevision("{\"id\":\"t2\",\"title\":\"b\",\"completed\":true,\"created\":1764115200123}",
                "{\"completed\":true,\"created\":1764115200123,\"id\":\"t2\",\"title\":\"b\"}",
                "e915c72b2c0dbd47e99166ae67c7ecfa871454e9");
    }

    @Test
    void todoBuiltInJavaHashesLikeTheParsedOne() {
        Map<String, Object> todo = new HashMap<>();
        todo.put("title", "b");
        todo.put("created", 1764115200123L); // a Long counts as the same double
        todo.put("id", "t2");
        todo.put("completed", Boolean.TRUE);
        assertEquals("e915c72b2c0dbd47e99166ae67c7ecfa871454e9", Sha1.hexOfUtf8(CanonicalJson.write(todo)));
    }

    @Test
    void keysSortByUtf16CodeUnitsRecursively() {
        assertEquals("{\"10\":1,\"9\":2,\"B\":2,\"_\":0,\"a\":1,\"b\":{\"A\":[{\"x\":1,\"y\":2}],\"a\":0}}",
                CanonicalJson.write(Json.parse(
                        "{\"b\":{\"a\":0,\"A\":[{\"y\":2,\"x\":1}]},\"a\":1,\"_\":0,\"B\":2,\"9\":2,\"10\":1}")));
    }

    @Test
    void keysSortBeforeSurrogatesAsJavaScriptDoesNotByCodePoint() {
        // U+1F600 is stored as D83D DE00, which sorts before U+FF5E in UTF-16 although its code point is larger.
        Map<String, Object> object = new TreeMap<>(Collections.reverseOrder());
        object.put("\uff5e", 1);
        object.put("\ud83d\ude00", 2);
        object.put("\u00e9", 3);
        object.put("e", 4);
        assertEquals("{\"e\":4,\"\u00e9\":3,\"\ud83d\ude00\":2,\"\uff5e\":1}", CanonicalJson.write(object));
    }

    @Test
    void outputDoesNotDependOnMapOrder() {
        Map<String, Object> forward = new LinkedHashMap<>();
        Map<String, Object> backward = new LinkedHashMap<>();
        List<String> keys = Arrays.asList("id", "title", "completed", "created", "_x", "Z", "1");
        for (String key : keys) {
            forward.put(key, key.length());
        }
        List<String> reversed = new ArrayList<>(keys);
        Collections.reverse(reversed);
        for (String key : reversed) {
            backward.put(key, key.length());
        }
        assertEquals(CanonicalJson.write(forward), CanonicalJson.write(backward));
    }

    @Test
    void nullMembersAndNullElementsAreWritten() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", null);
        object.put("a", Arrays.asList(null, 1, null));
        assertEquals("{\"a\":[null,1,null],\"b\":null}", CanonicalJson.write(object));
        assertEquals("null", CanonicalJson.write(null));
        assertEquals("{}", CanonicalJson.write(new HashMap<>()));
        assertEquals("[]", CanonicalJson.write(new ArrayList<>()));
    }

    @Test
    void numbersAreFormattedAsJavaScriptDoes() {
        List<Object> numbers = Arrays.asList(0.1 + 0.2, 1e21, 1e-7, 12345678901234567890.0, -0.0, 100, 5e-324,
                Double.MAX_VALUE, 1e-6, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5f, 42L,
                (short) 7, new BigDecimal("0.1"), 9007199254740993L);
        assertEquals("[0.30000000000000004,1e+21,1e-7,12345678901234567000,0,100,5e-324,1.7976931348623157e+308,"
                + "0.000001,null,null,null,1.5,42,7,0.1,9007199254740992]", CanonicalJson.write(numbers));
    }

    @Test
    void shortEscapesFollowCanonicalJsonsTable() {
        assertEquals("\"\\b\\t\\n\\f\\r\\\"\\\\/\"", CanonicalJson.write("\b\t\n\f\r\"\\/"));
    }

    @Test
    void escapeClassIsEscapedAsLowercaseHexAndItsNeighboursAreNot() {
        // Inside canonical-json's class (PROTOCOL.md 1.2).
        char[] escaped = {0x00, 0x07, 0x0b, 0x1f, 0x7f, 0x9f, 0xad, 0x600, 0x604, 0x70f, 0x17b4, 0x17b5, 0x200c,
            0x200f, 0x2028, 0x202f, 0x2060, 0x206f, 0xfeff, 0xfff0, 0xfffd, 0xffff};
        for (char c : escaped) {
            String hex = Integer.toHexString(0x10000 | c).substring(1);
            assertEquals("\"\\u" + hex + "\"", CanonicalJson.write(String.valueOf(c)), "U+" + hex);
        }
        // Just outside it, and surrogates: written as they are.
        char[] raw = {0x20, 0x7e, 0xa0, 0xac, 0xae, 0x5ff, 0x605, 0x70e, 0x710, 0x17b3, 0x17b6, 0x200b, 0x2010,
            0x2027, 0x2030, 0x205f, 0x2070, 0xfefe, 0xff00, 0xffef, 0xd800, 0xdbff, 0xdc00, 0xdfff};
        for (char c : raw) {
            assertEquals("\"" + c + "\"", CanonicalJson.write(String.valueOf(c)), Integer.toHexString(c));
        }
        assertEquals("\"\u00e9\ud83d\ude00\ud800x\"", CanonicalJson.write("\u00e9\ud83d\ude00\ud800x"));
    }

    @Test
    void escapesMoreThanJsonStringify() {
        String s = "\u007f\u00ad\u2028\u2029\ufeff";
        assertEquals("\"\\u007f\\u00ad\\u2028\\u2029\\ufeff\"", CanonicalJson.write(s));
        assertEquals("\"" + s + "\"", Json.write(s));
    }

    @Test
    void refusesValuesOutsideTheJsonModelNamingTheirType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.write(Collections.singletonMap("when", new java.util.Date(0))));
        assertTrue(e.getMessage().contains("java.util.Date"), e.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.write(Collections.singletonMap(1, "one")));
        assertTrue(key.getMessage().contains("java.lang.Integer"), key.getMessage());
    }
}
