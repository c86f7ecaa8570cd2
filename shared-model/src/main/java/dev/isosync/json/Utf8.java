package dev.isosync.json;

/**
 * UTF-8 encoding written out by hand so that the bytes hashed for a revision are the same on every platform: a lone
 * surrogate becomes U+FFFD ({@code EF BF BD}) as in Node's {@code Buffer.from(string)} (PROTOCOL.md 9.2), where
 * Java's {@code String.getBytes} writes {@code ?} instead.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Encodes a string as UTF-8; a surrogate pair becomes one 4-byte sequence, a lone surrogate {@code EF BF BD}.
     *
     * @param s the string, not null
     * @return a new array, never null
     */
    public static byte[] encode(String s) {
        byte[] out = new byte[encodedLength(s)];
        encodeInto(s, out);
        return out;
    }

    /** Writes the encoding of {@code s} at the start of {@code out}, which holds at least {@link #encodedLength}. */
    static void encodeInto(String s, byte[] out) {
        int length = s.length();
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xc0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (isHighSurrogate(c) && i + 1 < length && isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = 0x10000 + ((c - 0xd800) << 10) + (s.charAt(i + 1) - 0xdc00);
                i++;
                out[n++] = (byte) (0xf0 | (codePoint >> 18));
                out[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
                out[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
                out[n++] = (byte) (0x80 | (codePoint & 0x3f));
            } else {
                char unit = isHighSurrogate(c) || isLowSurrogate(c) ? '\ufffd' : c;
                out[n++] = (byte) (0xe0 | (unit >> 12));
                out[n++] = (byte) (0x80 | ((unit >> 6) & 0x3f));
                out[n++] = (byte) (0x80 | (unit & 0x3f));
            }
        }
    }

    /** The number of bytes of the encoding of {@code s}. */
    static int encodedLength(String s) {
        int length = s.length();
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (isHighSurrogate(c) && i + 1 < length && isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // the rest of the BMP, and U+FFFD for a lone surrogate
            }
        }
        return bytes;
    }

    private static boolean isHighSurrogate(char c) {
        return c >= 0xd800 && c <= 0xdbff;
    }

    private static boolean isLowSurrogate(char c) {
        return c >= 0xdc00 && c <= 0xdfff;
    }
}
