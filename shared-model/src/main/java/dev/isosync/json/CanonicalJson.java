package dev.isosync.json;

import java.util.List;
import java.util.Map;

/**
 * The canonical JSON that LoopBack hashes a record's revision from: byte for byte what npm
 * {@code canonical-json} 0.0.4 writes for the same value tree (PROTOCOL.md 1.2), so that
 * {@code Sha1.hexOfUtf8(CanonicalJson.write(record))} equals LoopBack's {@code rev}.
 */
public final class CanonicalJson {
    private static final JsonWriter WRITER = new JsonWriter(true, CanonicalJson::writeString);

    private CanonicalJson() {
    }

    /**
     * Writes a value in canonical form: no whitespace, object keys sorted by UTF-16 code units (JavaScript's default
     * {@code sort()}, which is {@link String#compareTo}), numbers as ECMAScript's {@code Number.prototype.toString}
     * ({@code -0} as {@code 0}, NaN and infinities as {@code null}), {@code null} members kept, and strings escaped
     * with canonical-json's table: {@code \b \t \n \f \r \" \\} in short form, the other characters of its class
     * (controls, U+007F to U+009F, U+00AD, U+2028 and the rest listed in PROTOCOL.md 1.2) as lowercase
     * {@code \}{@code uXXXX}, everything else, lone surrogates included, as it is.
     *
     * @param value null, a {@link Boolean}, {@link Number}, {@link String}, {@link List} or a {@link Map} with
     *     {@code String} keys, nested freely but without cycles; map order does not matter
     * @return the canonical text, never null
     * @throws IllegalArgumentException naming the Java type, for any other value or a non-String map key
     */
    public static String write(Object value) {
        return WRITER.write(value);
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        int length = s.length();
        int plain = 0;
        while (plain < length && !isEscaped(s.charAt(plain)) && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        out.append(s, 0, plain); // most strings need no escape at all and go in one piece
        for (int i = plain; i < length; i++) {
            char c = s.charAt(i);
            if (JsonWriter.appendShortEscape(out, c)) {
                continue;
            }
            if (isEscaped(c)) {
                Hex.appendUnicodeEscape(out, c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * canonical-json's {@code escapable} class (PROTOCOL.md 1.2), tested per UTF-16 code unit as its regular
     * expression (without the {@code u} flag) does; surrogates are not in it.
     */
    private static boolean isEscaped(char c) {
        return c <= 0x1f
                || (c >= 0x7f && c <= 0x9f)
                || c == 0xad
                || (c >= 0x600 && c <= 0x604)
                || c == 0x70f
                || c == 0x17b4 || c == 0x17b5
                || (c >= 0x200c && c <= 0x200f)
                || (c >= 0x2028 && c <= 0x202f)
                || (c >= 0x2060 && c <= 0x206f)
                || c == 0xfeff
                || c >= 0xfff0;
    }
}
