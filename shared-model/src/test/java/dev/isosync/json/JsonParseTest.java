package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParseTest {

    private static JsonException assertRefused(String text, String expectedMessage) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text), text);
        assertEquals(expectedMessage, e.getMessage(), text);
        return e;
    }

    @Test
    void scalars() {
        assertNull(Json.parse("null"));
        assertEquals(Boolean.TRUE, Json.parse("true"));
        assertEquals(Boolean.FALSE, Json.parse("false"));
        assertEquals("", Json.parse("\"\""));
        assertEquals("a b", Json.parse(" \t\r\n\"a b\" \n"));
    }

    @Test
    void everyNumberIsADoubleAsInJavaScript() {
        assertEquals(Double.valueOf(1), Json.parse("1"));
        assertEquals(Double.valueOf(0), Json.parse("0"));
        assertEquals(Double.valueOf(-0.0), Json.parse("-0")); // Double.equals tells -0 from 0
        assertEquals(Double.valueOf(-1500), Json.parse("-1.5e3"));
        assertEquals(Double.valueOf(100), Json.parse("1E+2"));
        assertEquals(Double.valueOf(0.01), Json.parse("1e-2"));
        assertEquals(Double.valueOf(1764115200123.0), Json.parse("1764115200123"));
        assertEquals(Double.valueOf(0.30000000000000004), Json.parse("0.30000000000000004"));
        // Beyond 2^53 integers round, as JSON.parse rounds them.
        assertEquals(Double.valueOf(9007199254740992.0), Json.parse("9007199254740993"));
        assertEquals(Double.valueOf(1.2345678901234567e19), Json.parse("12345678901234567890"));
        assertEquals(Double.valueOf(Double.POSITIVE_INFINITY), Json.parse("1e400"));
        assertEquals(Double.valueOf(0.0), Json.parse("1e-400"));
        assertInstanceOf(Double.class, ((List<?>) Json.parse("[7]")).get(0));
    }

    @Test
    void stringEscapes() {
        assertEquals("\"\\/\b\f\n\r\tA\u00e9\u00e9", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u00E9\""));
        assertEquals("\ud83d\ude00", Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("\ud83d\ude00", Json.parse("\"\\uD83D\\uDE00\""));
        assertEquals("x\u0000y", Json.parse("\"x\\u0000y\""));
    }

    @Test
    void loneSurrogatesAreKeptAsChars() {
        assertEquals("\ud800", Json.parse("\"\\ud800\""));
        assertEquals("\udc00a", Json.parse("\"\\udc00a\""));
        assertEquals("\ude00\ud83d", Json.parse("\"\\ude00\\ud83d\""));
        assertEquals("raw \ud800 char", Json.parse("\"raw \ud800 char\""));
    }

    @Test
    void nonAsciiAndDelCharactersNeedNoEscape() {
        assertEquals("\u007f\u00e9\u2028\ud83d\ude00", Json.parse("\"\u007f\u00e9\u2028\ud83d\ude00\""));
    }

    @Test
    void objectsKeepDocumentOrderAndAreMutable() {
        Object value = Json.parse("{\"b\":1,\"a\":{\"z\":[],\"y\":{}},\"c\":null}");
        Map<?, ?> object = assertInstanceOf(LinkedHashMap.class, value);
        assertEquals(Arrays.asList("b", "a", "c"), new ArrayList<>(object.keySet()));
        assertEquals(Arrays.asList("z", "y"), new ArrayList<>(((Map<?, ?>) object.get("a")).keySet()));
        assertEquals(true, object.containsKey("c"));
        assertNull(object.get("c"));
        @SuppressWarnings("unchecked")
        Map<String, Object> mutable = (Map<String, Object>) object;
        mutable.put("d", 1.0);
        assertEquals(4, mutable.size());
    }

    @Test
    void arraysAreArrayLists() {
        Object value = Json.parse("[ 1 , [ ] , { } , \"x\" , [ [ null ] ] ]");
        List<?> array = assertInstanceOf(ArrayList.class, value);
        assertEquals(Arrays.asList(1.0, Collections.emptyList(), Collections.emptyMap(), "x",
                Collections.singletonList(Collections.singletonList(null))), array);
    }

    @Test
    void keysMayBeEmptyOrEscapedAndDifferOnlyInCase() {
        Map<?, ?> object = (Map<?, ?>) Json.parse("{\"\":1,\"A\":2,\"a\":3,\"\\u0061b\":4}");
        assertEquals(Arrays.asList("", "A", "a", "ab"), new ArrayList<>(object.keySet()));
    }

    @Test
    void duplicateKeysAreRefusedEvenWhenSpelledDifferently() {
        JsonException e = assertRefused("{\"title\":\"a\",\"id\":\"t1\",\"title\":\"b\"}",
                "Duplicate key \"title\" at position 23");
        assertEquals(23, e.position());
        assertRefused("{\"a\":1,\"\\u0061\":2}", "Duplicate key \"a\" at position 7");
        assertRefused("[{\"x\":{\"y\":1,\"y\":1}}]", "Duplicate key \"y\" at position 13");
    }

    @Test
    void duplicateKeyMessageEscapesAndShortensTheKey() {
        assertRefused("{\"a\\n\":1,\"a\\n\":2}", "Duplicate key \"a\\n\" at position 9");
        String longKey = String.join("", Collections.nCopies(100, "k"));
        assertRefused("{\"" + longKey + "\":1,\"" + longKey + "\":2}",
                "Duplicate key \"" + longKey.substring(0, 80) + "\"... at position 106");
    }

    static Stream<Arguments> invalidTexts() {
        return Stream.of(
                Arguments.of("", "Unexpected end of input at position 0, expected a value"),
                Arguments.of("   ", "Unexpected end of input at position 3, expected a value"),
                Arguments.of("[", "Unexpected end of input at position 1, expected a value"),
                Arguments.of("[1", "Unexpected end of input at position 2, expected ',' or ']'"),
                Arguments.of("{", "Unexpected end of input at position 1, expected a string key"),
                Arguments.of("{\"a\"", "Unexpected end of input at position 4, expected ':'"),
                Arguments.of("{\"a\":", "Unexpected end of input at position 5, expected a value"),
                Arguments.of("{\"a\":1", "Unexpected end of input at position 6, expected ',' or '}'"),
                Arguments.of("\"abc", "Unexpected end of input at position 4 in the string starting at position 0"),
                Arguments.of("[\"a\\", "Unexpected end of input at position 4, expected an escape sequence"),
                Arguments.of("\"\\u12", "Unexpected end of input at position 5, expected 4 hex digits after \\u"),
                Arguments.of("tru", "Unexpected end of input at position 3, expected 'true'"),
                Arguments.of("trUe", "Unexpected character 'U' at position 2, expected 'true'"),
                Arguments.of("nul", "Unexpected end of input at position 3, expected 'null'"),
                Arguments.of("[1,]", "Unexpected character ']' at position 3, expected a value"),
                Arguments.of("{\"a\":1,}", "Unexpected character '}' at position 7, expected a string key"),
                Arguments.of("[1 2]", "Unexpected character '2' at position 3, expected ',' or ']'"),
                Arguments.of("{\"a\" 1}", "Unexpected character '1' at position 5, expected ':'"),
                Arguments.of("{a:1}", "Unexpected character 'a' at position 1, expected a string key"),
                Arguments.of("{1:1}", "Unexpected character '1' at position 1, expected a string key"),
                Arguments.of("'a'", "Unexpected character ''' at position 0, expected a value"),
                Arguments.of("[1]]", "Unexpected character ']' at position 3, expected end of input"),
                Arguments.of("1 2", "Unexpected character '2' at position 2, expected end of input"),
                Arguments.of("{} x", "Unexpected character 'x' at position 3, expected end of input"),
                Arguments.of("/* c */ 1", "Unexpected character '/' at position 0, expected a value"),
                Arguments.of("1 // c", "Unexpected character '/' at position 2, expected end of input"),
                Arguments.of("\u00a01", "Unexpected character U+00A0 at position 0, expected a value"),
                Arguments.of("\ufeff1", "Unexpected character U+FEFF at position 0, expected a value"),
                Arguments.of("\f1", "Unexpected character U+000C at position 0, expected a value"),
                Arguments.of("[1,\u000b2]", "Unexpected character U+000B at position 3, expected a value"),
                Arguments.of("01", "Number with a leading zero at position 0"),
                Arguments.of("-01", "Number with a leading zero at position 0"),
                Arguments.of("[00]", "Number with a leading zero at position 1"),
                Arguments.of("NaN", "Unexpected character 'N' at position 0, expected a value"),
                Arguments.of("Infinity", "Unexpected character 'I' at position 0, expected a value"),
                Arguments.of("-Infinity", "Unexpected character 'I' at position 1, expected a digit"),
                Arguments.of("+1", "Unexpected character '+' at position 0, expected a value"),
                Arguments.of(".5", "Unexpected character '.' at position 0, expected a value"),
                Arguments.of("-", "Unexpected end of input at position 1, expected a digit"),
                Arguments.of("1.", "Unexpected end of input at position 2, expected a digit after '.'"),
                Arguments.of("1.e5", "Unexpected character 'e' at position 2, expected a digit after '.'"),
                Arguments.of("1e", "Unexpected end of input at position 2, expected a digit in the exponent"),
                Arguments.of("1e+", "Unexpected end of input at position 3, expected a digit in the exponent"),
                Arguments.of("0x10", "Unexpected character 'x' at position 1, expected end of input"),
                Arguments.of("1.5.2", "Unexpected character '.' at position 3, expected end of input"),
                Arguments.of("\"a\\x\"", "Invalid escape '\\x' at position 2"),
                Arguments.of("\"\\'\"", "Invalid escape '\\'' at position 1"),
                Arguments.of("\"\\U0041\"", "Invalid escape '\\U' at position 1"),
                Arguments.of("\"\\u12G4\"", "Invalid \\u escape at position 1: expected 4 hex digits, found 'G'"),
                Arguments.of("\"\\u12\"", "Invalid \\u escape at position 1: expected 4 hex digits, found '\"'"),
                Arguments.of("\"a\nb\"", "Control character U+000A at position 2 must be escaped in a string"),
                Arguments.of("\"\t\"", "Control character U+0009 at position 1 must be escaped in a string"),
                Arguments.of("\"a\\n\u0000\"", "Control character U+0000 at position 4 must be escaped in a string"));
    }

    @ParameterizedTest
    @MethodSource("invalidTexts")
    void invalidTextIsRefusedSayingWhatAndWhere(String text, String expectedMessage) {
        assertRefused(text, expectedMessage);
    }

    @Test
    void positionPointsAtTheProblem() {
        assertEquals(12, assertThrows(JsonException.class, () -> Json.parse("{\"title\": 1 x}")).position());
        assertEquals(3, assertThrows(JsonException.class, () -> Json.parse("[1,")).position());
    }

    private static String nestedArrays(int depth) {
        return String.join("", Collections.nCopies(depth, "[")) + String.join("", Collections.nCopies(depth, "]"));
    }

    @Test
    void nestingUpTo64IsAcceptedByDefault() {
        Object value = Json.parse(nestedArrays(64));
        for (int i = 1; i < 64; i++) {
            value = ((List<?>) value).get(0);
        }
        assertEquals(Collections.emptyList(), value);
        assertRefused(nestedArrays(65), "Nesting deeper than 64 at position 64");
        assertRefused("{\"a\":" + nestedArrays(64) + "}", "Nesting deeper than 64 at position 68");
    }

    @Test
    void nestingLimitCanBeChosen() {
        assertEquals(Collections.singletonMap("a", Collections.emptyList()), Json.parse("{\"a\":[]}", 2));
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\":[{}]}", 2));
        assertEquals("Nesting deeper than 2 at position 6", e.getMessage());
        assertEquals("x", Json.parse("\"x\"", 0));
        assertThrows(JsonException.class, () -> Json.parse("[]", 0));
    }

    @Test
    void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
        assertRefused(nestedArrays(100_000), "Nesting deeper than 64 at position 64");
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> Json.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "null", "true", "[]", "{}", "0", "-1.5", "1e+21", "1e-7", "0.30000000000000004", "\"\"",
        "{\"b\":[1,2,{\"c\":null}],\"a\":\"x\"}", "[\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\"]",
        "[\"\\ud800\",\"\\udfff\",\"\ud83d\ude00\",\"\u2028\u007f\u00e9\"]", "{\"\":{\"\":[[[]]]}}"
    })
    void compactTextsRoundTripUnchanged(String text) {
        assertEquals(text, Json.write(Json.parse(text)));
    }

    @Test
    void generatedValuesRoundTrip() {
        Random random = new Random(4);
        for (int i = 0; i < 2000; i++) {
            Object value = randomValue(random, 0);
            String text = Json.write(value);
            assertEquals(value, Json.parse(text), text);
            assertEquals(text, Json.write(Json.parse(text)));
        }
    }

    /** A value already in parsed form (Doubles, LinkedHashMaps), so that it equals its own round trip. */
    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2: {
                double d = Double.longBitsToDouble(random.nextLong());
                return Double.isNaN(d) || Double.isInfinite(d) || d == 0 ? 0.0 : d; // -0 is written as 0
            }
            case 3:
                return (double) random.nextInt(100_000) / 100;
            case 4: {
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(10); i > 0; i--) {
                    s.append((char) random.nextInt(0x10000));
                }
                return s.toString();
            }
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put("k" + random.nextInt(10), randomValue(random, depth + 1));
                }
                return map;
            }
        }
    }
}
