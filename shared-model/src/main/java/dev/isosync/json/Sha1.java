package dev.isosync.json;

/**
 * SHA-1 (FIPS 180-4) in plain Java, because {@code java.security.MessageDigest} does not exist under TeaVM. Used for
 * revisions ({@code rev = sha1_hex(canonicalJSON(record))}, PROTOCOL.md 1.2), not for security.
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
        // Padding: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number, filling whole
        // 64-byte blocks.
        int blocks = (data.length + 8) / 64 + 1;
        byte[] message = new byte[blocks * 64];
        System.arraycopy(data, 0, message, 0, data.length);
        message[data.length] = (byte) 0x80;
        long bitLength = (long) data.length * 8;
        for (int i = 0; i < 8; i++) {
            message[message.length - 1 - i] = (byte) (bitLength >>> (8 * i));
        }

        int h0 = 0x67452301;
        int h1 = 0xefcdab89;
        int h2 = 0x98badcfe;
        int h3 = 0x10325476;
        int h4 = 0xc3d2e1f0;
        int[] w = new int[80];
        for (int block = 0; block < blocks; block++) {
            int offset = block * 64;
            for (int t = 0; t < 16; t++) {
                int j = offset + 4 * t;
                w[t] = (message[j] & 0xff) << 24 | (message[j + 1] & 0xff) << 16
                        | (message[j + 2] & 0xff) << 8 | (message[j + 3] & 0xff);
            }
            for (int t = 16; t < 80; t++) {
                w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }
            int a = h0;
            int b = h1;
            int c = h2;
            int d = h3;
            int e = h4;
            for (int t = 0; t < 80; t++) {
                int f;
                int k;
                if (t < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5a827999;
                } else if (t < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ed9eba1;
                } else if (t < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8f1bbcdc;
                } else {
                    f = b ^ c ^ d;
                    k = 0xca62c1d6;
                }
                int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
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
        return hex(Utf8.encode(s));
    }
}
