package dev.isosync.json;

/** Hexadecimal digits written by hand: shared code stays clear of {@code String.format} (TOOLCHAIN.md 5). */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    /** Appends {@code \}{@code uXXXX} with four lowercase hex digits, the form both JSON writers use. */
    static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append('\\').append('u')
                .append(DIGITS[(c >> 12) & 0xf])
                .append(DIGITS[(c >> 8) & 0xf])
                .append(DIGITS[(c >> 4) & 0xf])
                .append(DIGITS[c & 0xf]);
    }

    /** Returns the bytes as lowercase hex, two digits per byte. */
    static String of(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Returns {@code U+XXXX} (uppercase, the Unicode notation) for error messages. */
    static String codePointName(char c) {
        char[] name = {'U', '+', UPPER[(c >> 12) & 0xf], UPPER[(c >> 8) & 0xf], UPPER[(c >> 4) & 0xf], UPPER[c & 0xf]};
        return new String(name);
    }
}
