package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void encodesEachLengthClassAtItsEdges() {
        assertArrayEquals(new byte[0], Utf8.encode(""));
        assertArrayEquals(bytes(0x00, 0x41, 0x7f), Utf8.encode("\u0000A\u007f"));
        assertArrayEquals(bytes(0xc2, 0x80, 0xc3, 0xa9, 0xdf, 0xbf), Utf8.encode("\u0080\u00e9\u07ff"));
        assertArrayEquals(bytes(0xe0, 0xa0, 0x80, 0xe2, 0x80, 0xa8, 0xef, 0xbf, 0xbf), Utf8.encode("\u0800\u2028\uffff"));
        assertArrayEquals(bytes(0xf0, 0x90, 0x80, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xf4, 0x8f, 0xbf, 0xbf),
                Utf8.encode("\ud800\udc00\ud83d\ude00\udbff\udfff"));
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacterAsInNode() {
        // Java's getBytes would write '?' (0x3F) here; Node's Buffer.from writes U+FFFD, and revisions hash that.
        byte[] replacement = bytes(0xef, 0xbf, 0xbd);
        assertArrayEquals(replacement, Utf8.encode("\ud800"));
        assertArrayEquals(replacement, Utf8.encode("\udfff"));
        assertArrayEquals(bytes(0x61, 0xef, 0xbf, 0xbd, 0x62), Utf8.encode("a\ud83db"));
        // A low surrogate before a high one is two lone surrogates, not a pair.
        assertArrayEquals(bytes(0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd), Utf8.encode("\ude00\ud83d"));
        assertArrayEquals(bytes(0xef, 0xbf, 0xbd, 0xf0, 0x9f, 0x98, 0x80), Utf8.encode("\ud83d\ud83d\ude00"));
    }

    @Test
    void agreesWithTheJdkForWellFormedText() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                if (codePoint < 0xd800 || codePoint > 0xdfff) {
                    s.appendCodePoint(codePoint);
                }
            }
            String text = s.toString();
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Utf8.encode(text), text);
        }
    }
}
