package dev.isosync.json;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes JSON with JavaScript's data model, identically on the JVM and under TeaVM.
 *
 * <p>A JSON value is represented as {@code null}, {@link Boolean}, {@link Double} (every JSON number is a double, as
 * in JavaScript, PROTOCOL.md 9.2), {@link String}, {@code List<Object>} or {@code Map<String, Object>}. This is the
 * transport form; revisions are hashed from {@link CanonicalJson}, never from {@link #write(Object)}.
 */
public final class Json {
    private static final JsonWriter WRITER = new JsonWriter(false, Json::writeString);

    /** Nesting depth {@link #parse(String)} accepts: objects and arrays inside one another, the outermost counting 1. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** The number syntax in use; {@code null} until it is first needed or put in. */
    private static NumberSyntax numbers;

    private Json() {
    }

    /**
     * Puts in the number syntax this platform uses from now on: once at start-up, before any JSON is read or
     * written. Without it, the Java one is used.
     *
     * @param syntax reads and writes every number as {@link #portableNumberSyntax()} does; not null
     */
    public static void useNumberSyntax(NumberSyntax syntax) {
        numbers = Objects.requireNonNull(syntax, "syntax");
    }

    /** The number syntax written in Java, which every other must agree with. */
    public static NumberSyntax portableNumberSyntax() {
        return new JsonNumbers();
    }

    /**
     * The number syntax in use. Without one put in, the Java one is made by name rather than by a call: a compiler
     * that keeps only the code a program can reach (TeaVM) then leaves the Java one (some 40 KB of big integer
     * arithmetic and digit generation) out of a program that puts in its own.
     */
    static NumberSyntax numbers() {
        if (numbers == null) {
            String name = Json.class.getName() + "Numbers";
            try {
                numbers = (NumberSyntax) Class.forName(name).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("no JSON number syntax was put in, and " + name
                        + " cannot be made: " + e, e);
            }
        }
        return numbers;
    }

    /**
     * Parses strict RFC 8259 JSON with a nesting limit of {@value #DEFAULT_MAX_DEPTH}.
     *
     * @see #parse(String, int)
     */
    public static Object parse(String text) {
        return parse(text, DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses one JSON value of strict RFC 8259 JSON: whitespace is only space, tab, CR and LF; no comments, trailing
     * commas, leading zeros, {@code NaN} or {@code Infinity}; control characters in strings must be escaped. Only
     * whitespace may follow the value.
     *
     * <p>Objects become {@link java.util.LinkedHashMap}s in document order and arrays {@link java.util.ArrayList}s,
     * both mutable. Every number becomes the nearest {@link Double}. {@code \}{@code u} escapes of lone surrogates are
     * kept as those chars. Duplicate keys in one object are refused, unlike {@code JSON.parse}, which keeps the last.
     *
     * @param text the JSON text, not null
     * @param maxDepth the deepest nesting of objects and arrays accepted (0 allows only scalars), not negative
     * @return the value; {@code null} only for the JSON text {@code null}
     * @throws JsonException if the text is not JSON, has a duplicate key or nests deeper than {@code maxDepth}
     */
    public static Object parse(String text, int maxDepth) {
        Objects.requireNonNull(text, "text");
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must not be negative, got " + maxDepth);
        }
        return new JsonParser(text, maxDepth).parseDocument();
    }

    /**
     * Writes a value as compact JSON, as JavaScript's {@code JSON.stringify} would write the same value tree.
     *
     * <p>Maps are written in their iteration order (use a {@code LinkedHashMap} or {@code TreeMap}: a
     * {@code HashMap}'s order differs between the JVM and TeaVM). Any {@link Number} is converted to a double and
     * written as ECMAScript's {@code Number.prototype.toString} does; NaN and infinities become {@code null} and
     * {@code -0} becomes {@code 0}. Strings are escaped as by the well-formed {@code JSON.stringify}: {@code \"},
     * {@code \\}, {@code \b \f \n \r \t}, other characters below U+0020 and lone surrogates as lowercase
     * {@code \}{@code uXXXX}; everything else is written as it is.
     *
     * @param value null, a {@link Boolean}, {@link Number}, {@link String}, {@link List} or a {@link Map} with
     *     {@code String} keys, nested freely but without cycles
     * @return the JSON text, never null
     * @throws IllegalArgumentException naming the Java type, for any other value or a non-String map key
     */
    public static String write(Object value) {
        return WRITER.write(value);
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        int length = s.length();
        int plain = 0;
        while (plain < length && isPlain(s.charAt(plain))) {
            plain++;
        }
        out.append(s, 0, plain); // most strings are plain all through and go in one piece
        for (int i = plain; i < length; i++) {
            char c = s.charAt(i);
            if (JsonWriter.appendShortEscape(out, c)) {
                continue;
            }
            if (c < 0x20) {
                Hex.appendUnicodeEscape(out, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                Hex.appendUnicodeEscape(out, c); // lone surrogate: escaped so the text stays valid UTF-8
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Whether {@link #writeString} writes the character as it is, whatever follows it. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
    }
}
