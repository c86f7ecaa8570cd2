package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the pure-Java SHA-1 against the JDK's (available on the JVM only, which is why ours exists). */
class Sha1Test {

    private static byte[] jdkSha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String toHex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    @Test
    void emptyInput() {
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Sha1.hex(new byte[0]));
        assertArrayEquals(jdkSha1(new byte[0]), Sha1.digest(new byte[0]));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Sha1.hexOfUtf8(""));
    }

    @Test
    void fipsVectors() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Sha1.hexOfUtf8("abc"));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                Sha1.hexOfUtf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        assertEquals("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Sha1.hex(million));
    }

    @Test
    void everyLengthUpTo200CrossesThePaddingBoundaries() {
        // 55 is the longest input whose padding fits one block, 56 the shortest needing two; 63, 64, 65 and
        // 119/120 are the next edges.
        Random random = new Random(1);
        for (int length = 1; length <= 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(jdkSha1(data), Sha1.digest(data), "length " + length);
        }
    }

    @Test
    void randomDataOfRandomLengths() {
        Random random = new Random(2);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[random.nextInt(i < 250 ? 1000 : 100_000)];
            random.nextBytes(data);
            assertArrayEquals(jdkSha1(data), Sha1.digest(data), "length " + data.length);
        }
    }

    @Test
    void hexIsLowercaseAndFortyDigits() {
        byte[] data = "\u00e9t\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        String hex = Sha1.hex(data);
        assertEquals(toHex(jdkSha1(data)), hex);
        assertEquals(40, hex.length());
    }

    @Test
    void hexOfUtf8HashesTheUtf8BytesOfEmojiAndAccents() {
        String s = "h\u00e9llo \ud83d\ude00 \ud83d\udc4d\ud83c\udffd \u65e5\u672c";
        byte[] expected = jdkSha1(s.getBytes(StandardCharsets.UTF_8));
        assertEquals(toHex(expected), Sha1.hexOfUtf8(s));
        assertArrayEquals(expected, Sha1.digest(Utf8.encode(s)));
    }

    @Test
    void doesNotModifyItsInput() {
        byte[] data = {1, 2, 3};
        Sha1.digest(data);
        assertArrayEquals(new byte[] {1, 2, 3}, data);
    }
}
