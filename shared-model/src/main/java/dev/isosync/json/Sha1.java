package dev.isosync.json;

/**
 * SHA-1 (FIPS 180-4) in plain Java, because {@code java.security.MessageDigest} does not exist under TeaVM. Used for
 * revisions ({@code rev = sha1_hex(canonicalJSON(record))}, PROTOCOL.md 1.2), not for security. Every record written
 * or compared is hashed, so the rounds are written out in four loops over a 16-word schedule, and a string is
 * encoded straight into the padded message.
 */
public final class Sha1 {
    private Sha1() {
    }

    /**
     * Returns the SHA-1 digest of the bytes.
     *
     * @param data the input, not null; not modified
     * @return a new 20-byte array, never null
     */
    public static byte[] digest(byte[] data) {
        byte[] message = new byte[paddedLength(data.length)];
        System.arraycopy(data, 0, message, 0, data.length);
        return digestPadded(message, data.length);
    }

    /**
     * Returns the SHA-1 digest of the bytes as 40 lowercase hex digits.
     *
     * @param data the input, not null
     * @return never null
     */
    public static String hex(byte[] data) {
        return Hex.of(digest(data));
    }

    /**
     * Returns the SHA-1 of the string's UTF-8 encoding ({@link Utf8#encode}) as 40 lowercase hex digits, which is
     * Node's {@code crypto.createHash('sha1').update(s).digest('hex')} and so LoopBack's revision of a canonical
     * string.
     *
     * @param s the string, not null
     * @return never null
     */
    public static String hexOfUtf8(String s) {
        int length = Utf8.encodedLength(s);
        byte[] message = new byte[paddedLength(length)];
        Utf8.encodeInto(s, message);
        return Hex.of(digestPadded(message, length));
    }

    /** The length of a message of {@code length} bytes with its padding: whole 64-byte blocks. */
    private static int paddedLength(int length) {
        return ((length + 8) / 64 + 1) * 64;
    }

    /**
     * The digest of the first {@code length} bytes of {@code message}, whose size is {@link #paddedLength} and whose
     * bytes after them are zero; the padding is written into it.
     */
    private static byte[] digestPadded(byte[] message, int length) {
        // Padding: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number.
        message[length] = (byte) 0x80;
        // in two ints: a long costs a call per operation once compiled to JavaScript
        int lowBits = length << 3;
        int highBits = length >>> 29;
        for (int i = 0; i < 4; i++) {
            message[message.length - 1 - i] = (byte) (lowBits >>> (8 * i));
            message[message.length - 5 - i] = (byte) (highBits >>> (8 * i));
        }

        int h0 = 0x67452301;
        int h1 = 0xefcdab89;
        int h2 = 0x98badcfe;
        int h3 = 0x10325476;
        int h4 = 0xc3d2e1f0;
        int[] w = new int[16];
        for (int offset = 0; offset < message.length; offset += 64) {
            for (int t = 0; t < 16; t++) {
                int j = offset + 4 * t;
                w[t] = (message[j] & 0xff) << 24 | (message[j + 1] & 0xff) << 16
                        | (message[j + 2] & 0xff) << 8 | (message[j + 3] & 0xff);
            }
            int a = h0;
            int b = h1;
            int c = h2;
            int d = h3;
            int e = h4;
            // W[t] for t >= 16 is computed in place in a 16-word ring: W[t] = rotl1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16])
            for (int t = 0; t < 20; t++) {
                int temp = Integer.rotateLeft(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + word(w, t);
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = temp;
            }
            for (int t = 20; t < 40; t++) {
                int temp = Integer.rotateLeft(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + word(w, t);
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = temp;
            }
            for (int t = 40; t < 60; t++) {
                int temp = Integer.rotateLeft(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + word(w, t);
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = temp;
            }
            for (int t = 60; t < 80; t++) {
                int temp = Integer.rotateLeft(a, 5) + (b ^ c ^ d) + e + 0xca62c1d6 + word(w, t);
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = temp;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
        }

        byte[] digest = new byte[20];
        int[] h = {h0, h1, h2, h3, h4};
        for (int i = 0; i < 5; i++) {
            digest[4 * i] = (byte) (h[i] >>> 24);
            digest[4 * i + 1] = (byte) (h[i] >>> 16);
            digest[4 * i + 2] = (byte) (h[i] >>> 8);
            digest[4 * i + 3] = (byte) h[i];
        }
        return digest;
    }

    /** Word {@code t} of the message schedule, the ring {@code w} holding the last 16. */
    private static int word(int[] w, int t) {
        if (t < 16) {
            return w[t];
        }
        int i = t & 15;
        int value = Integer.rotateLeft(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[i], 1);
        w[i] = value;
        return value;
    }
}
