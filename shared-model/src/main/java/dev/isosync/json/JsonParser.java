package dev.isosync.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict RFC 8259 recursive-descent parser behind {@link Json#parse(String, int)}; one instance per document. */
final class JsonParser {
    private final String text;
    private final int maxDepth;
    private int pos;

    JsonParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    Object parseDocument() {
        skipWhitespace();
        Object value = parseValue(0);
        skipWhitespace();
        if (pos < text.length()) {
            throw unexpectedCharacter("end of input");
        }
        return value;
    }

    private Object parseValue(int depth) {
        if (pos >= text.length()) {
            throw unexpectedEnd("a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return parseObject(depth + 1);
            case '[':
                return parseArray(depth + 1);
            case '"':
                return parseString();
            case 't':
                return parseLiteral("true", Boolean.TRUE);
            case 'f':
                return parseLiteral("false", Boolean.FALSE);
            case 'n':
                return parseLiteral("null", null);
            default:
                if (c == '-' || isDigit(c)) {
                    return parseNumber();
                }
                throw unexpectedCharacter("a value");
        }
    }

    private Map<String, Object> parseObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            if (peek() != '"') {
                throw unexpected("a string key");
            }
            int keyPosition = pos;
            String key = parseString();
            // A duplicate key is refused rather than "last one wins" as in JavaScript: the two readings of such a
            // body disagree, and PROTOCOL.md 9.2 answers it with 400.
            if (object.containsKey(key)) {
                throw new JsonException("Duplicate key " + quoteForMessage(key) + " at position " + keyPosition,
                        keyPosition);
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(key, parseValue(depth));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
            } else if (peek() == '}') {
                pos++;
                return object;
            } else {
                throw unexpected("',' or '}'");
            }
        }
    }

    private List<Object> parseArray(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            array.add(parseValue(depth));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
            } else if (peek() == ']') {
                pos++;
                return array;
            } else {
                throw unexpected("',' or ']'");
            }
        }
    }

    private String parseString() {
        int start = pos;
        pos++; // opening quote
        // Fast path: most strings have no escapes and can be cut out of the text in one piece.
        int runStart = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return text.substring(runStart, pos - 1);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - runStart + 16);
        out.append(text, runStart, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw new JsonException("Control character " + Hex.codePointName(c) + " at position " + pos
                        + " must be escaped in a string", pos);
            }
            if (c == '\\') {
                appendEscape(out);
            } else {
                out.append(c);
                pos++;
            }
        }
        throw new JsonException("Unexpected end of input at position " + pos + " in the string starting at position "
                + start, pos);
    }

    /** Reads one escape sequence at pos (a backslash). Lone surrogates from \\u escapes are kept as they are. */
    private void appendEscape(StringBuilder out) {
        int start = pos;
        if (pos + 1 >= text.length()) {
            throw unexpectedEnd("an escape sequence");
        }
        char c = text.charAt(pos + 1);
        pos += 2;
        switch (c) {
            case '"': out.append('"'); return;
            case '\\': out.append('\\'); return;
            case '/': out.append('/'); return;
            case 'b': out.append('\b'); return;
            case 'f': out.append('\f'); return;
            case 'n': out.append('\n'); return;
            case 'r': out.append('\r'); return;
            case 't': out.append('\t'); return;
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    if (pos >= text.length()) {
                        throw unexpectedEnd("4 hex digits after \\u");
                    }
                    int digit = hexValue(text.charAt(pos));
                    if (digit < 0) {
                        throw new JsonException("Invalid \\u escape at position " + start
                                + ": expected 4 hex digits, found " + describe(text.charAt(pos)), start);
                    }
                    code = code * 16 + digit;
                    pos++;
                }
                out.append((char) code);
                return;
            default:
                throw new JsonException("Invalid escape '\\" + (isPrintableAscii(c) ? String.valueOf(c)
                        : Hex.codePointName(c)) + "' at position " + start, start);
        }
    }

    private Double parseNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw new JsonException("Number with a leading zero at position " + start, start);
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw unexpected("a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw unexpected("a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw unexpected("a digit in the exponent");
            }
            skipDigits();
        }
        return Json.numbers().read(text.substring(start, pos));
    }

    private Object parseLiteral(String literal, Object value) {
        for (int i = 0; i < literal.length(); i++) {
            if (peek() != literal.charAt(i)) {
                throw unexpected("'" + literal + "'");
            }
            pos++;
        }
        return value;
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new JsonException("Nesting deeper than " + maxDepth + " at position " + pos, pos);
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw unexpected("'" + c + "'");
        }
        pos++;
    }

    /** Returns the character at pos, or 0xFFFF (which never matches a JSON token) at the end of the text. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    /** RFC 8259 whitespace is exactly space, tab, line feed and carriage return. */
    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonException unexpected(String expected) {
        return pos >= text.length() ? unexpectedEnd(expected) : unexpectedCharacter(expected);
    }

    private JsonException unexpectedCharacter(String expected) {
        return new JsonException("Unexpected character " + describe(text.charAt(pos)) + " at position " + pos
                + ", expected " + expected, pos);
    }

    private JsonException unexpectedEnd(String expected) {
        return new JsonException("Unexpected end of input at position " + text.length() + ", expected " + expected,
                text.length());
    }

    private static String describe(char c) {
        return isPrintableAscii(c) ? "'" + c + "'" : Hex.codePointName(c);
    }

    /** Quotes a key for an error message, shortened so that a huge key does not make a huge message. */
    private static String quoteForMessage(String key) {
        return key.length() <= 80 ? Json.write(key) : Json.write(key.substring(0, 80)) + "...";
    }

    private static boolean isPrintableAscii(char c) {
        return c > 0x20 && c < 0x7f;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
