package dev.isosync.wire;

import dev.isosync.json.Utf8;

/** Percent-encoding of path segments and query values, in pure Java for both platforms. */
public final class UrlEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    /** Encodes everything but RFC 3986's unreserved characters. */
    public static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte raw : Utf8.encode(s)) {
            int c = raw & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return b.toString();
    }
}
