package dev.isosync.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Values that exercise every rule of canonical JSON and its revision (PROTOCOL.md 1.2): numbers where formatting
 * changes, every escape edge, surrogates paired and lone, keys that sort differently by code unit, code point, number
 * or case, and Todo-like records. Shared by the comparisons with canonical-json under Node and with the browser's
 * native revision function.
 */
public final class CanonicalSamples {
    /** Numbers where formatting or parsing changes behaviour: exponent switches, 2^53, subnormals, extremes. */
    private static final double[] SPECIAL_NUMBERS = {
        0.0, -0.0, 1, -1, 100, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.5, -1.5, 4.35, 1.0 / 3,
        1e21, Math.nextDown(1e21), Math.nextUp(1e21), 999999999999999999999.0, 1e20, 123456789012345678901.0,
        1e-7, Math.nextUp(1e-7), Math.nextDown(1e-7), 1e-6, Math.nextDown(1e-6), 0.000001, 0.0000012345,
        9007199254740992.0, 9007199254740993.0, 9007199254740994.0, -9007199254740992.0,
        Math.nextDown(9007199254740992.0), Math.nextUp(9007199254740992.0), 12345678901234567890.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, 2 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
        Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 1e308, 1e-308, 1e-323, 2.5e-324,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1764115200123.0, 9223372036854775807.0,
        18446744073709551616.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 123e-20, 1e-5, 1e-4,
        0.001, 1e15, 1e16, 1e17, 1e22, 1e23, 8.41e21, 5e-7, 1.2e-7
    };

    /** One character from each edge of canonical-json's escape class, inside and just outside (PROTOCOL.md 1.2). */
    private static final char[] ESCAPE_EDGES = {
        0x00, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, 0x20, '"', '\\', '/', 0x7e, 0x7f, 0x9f, 0xa0, 0xac, 0xad, 0xae,
        0x5ff, 0x600, 0x604, 0x605, 0x70e, 0x70f, 0x710, 0x17b3, 0x17b4, 0x17b5, 0x17b6, 0x200b, 0x200c, 0x200f,
        0x2010, 0x2027, 0x2028, 0x2029, 0x202f, 0x2030, 0x205f, 0x2060, 0x206f, 0x2070, 0xfefe, 0xfeff, 0xff00,
        0xffef, 0xfff0, 0xfffd, 0xffff
    };

    /** Pieces of real-world text: accents, CJK, an emoji, an Arabic number sign, a zero-width joiner. */
    private static final String[] WORDS = {
        "\u00e9", "\u00fc", "\u00df", "\u65e5\u672c", "\ud83d\ude00", "\ud83d\udc4d\ud83c\udffd", "\u0600",
        "\u200d", "h\u00e9llo \"q\"\n\u2028", "</script>"
    };

    /** Keys that sort differently by UTF-16 code unit, by code point, by number or by case. */
    private static final String[] KEYS = {
        "id", "title", "completed", "created", "a", "b", "A", "B", "_", "_id", "a_b", "aB", "Ab", "1", "9", "10",
        "01", "-1", "e", "\u00e9", "\u00e4", "z", "Z", "\u65e5\u672c", "\ud83d\ude00", "\uff5e", "\ufff0", "",
        " ", "key with space", "\u2028", "\"", "\\", "toJSON", "constructor", "hasOwnProperty", "length", "0",
        "__proto__"
    };

    private CanonicalSamples() {
    }

    /**
     * The sample values: the special numbers, every UTF-16 code unit (in 256 strings of 256), then {@code values}
     * generated values and {@code records} Todo-like records, the same for the same seed.
     */
    public static List<Object> values(long seed, int values, int records) {
        Random random = new Random(seed);
        List<Object> out = new ArrayList<>();
        for (double number : SPECIAL_NUMBERS) {
            out.add(number);
        }
        // Every UTF-16 code unit once, in strings of 256, so that the whole escape table is compared.
        for (int block = 0; block < 256; block++) {
            StringBuilder s = new StringBuilder();
            for (int unit = 0; unit < 256; unit++) {
                s.append((char) (block * 256 + unit));
            }
            out.add(s.toString());
        }
        for (int i = 0; i < values; i++) {
            out.add(value(random, 0));
        }
        for (int i = 0; i < records; i++) {
            out.add(record(random));
        }
        return out;
    }

    /** A Todo-like record, the shape revisions are computed for, with its members in random order. */
    private static Map<String, Object> record(Random random) {
        List<Object[]> members = new ArrayList<>();
        members.add(new Object[] {"id", random.nextInt(4) == 0 ? string(random) : uuidLike(random)});
        members.add(new Object[] {"title", random.nextInt(8) == 0 ? null : string(random)});
        members.add(new Object[] {"completed", random.nextInt(8) == 0 ? null : random.nextBoolean()});
        members.add(new Object[] {"created", random.nextInt(4) == 0 ? null
                : random.nextBoolean() ? (Object) (1764115200123L + random.nextInt(1_000_000_000)) : number(random)});
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            members.add(new Object[] {key(random), value(random, 2)});
        }
        Collections.shuffle(members, random);
        Map<String, Object> record = new LinkedHashMap<>();
        for (Object[] member : members) {
            record.put((String) member[0], member[1]);
        }
        return record;
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth >= 4 ? 6 : 9)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
            case 3:
                return number(random);
            case 4:
            case 5:
                return string(random);
            case 6:
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    list.add(value(random, depth + 1));
                }
                return list;
            default:
                Map<String, Object> object = new LinkedHashMap<>();
                int members = random.nextInt(7);
                for (int i = 0; i < members; i++) {
                    object.put(key(random), value(random, depth + 1));
                }
                return object;
        }
    }

    private static Object number(Random random) {
        switch (random.nextInt(14)) {
            case 0:
                return (double) (random.nextInt(2001) - 1000);
            case 1:
                return (double) (random.nextLong() >> random.nextInt(64)); // integers of every magnitude
            case 2: {
                double x = random.nextBoolean() ? 9007199254740992.0 : -9007199254740992.0; // 2^53 neighbours
                for (int steps = random.nextInt(6); steps > 0; steps--) {
                    x = random.nextBoolean() ? Math.nextUp(x) : Math.nextDown(x);
                }
                return x;
            }
            case 3:
                return Double.longBitsToDouble(random.nextLong()); // any bit pattern, NaN and infinities included
            case 4:
                return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(617) - 308);
            case 5:
                return (random.nextInt(200_001) - 100_000) / Math.pow(10, random.nextInt(9)); // decimal fractions
            case 6:
                return SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
            case 7: {
                double x = Math.pow(10, random.nextInt(633) - 324); // powers of ten and their neighbours
                int step = random.nextInt(3);
                return step == 0 ? x : step == 1 ? Math.nextUp(x) : Math.nextDown(x);
            }
            case 8:
                return Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL); // subnormals
            case 9:
                return Math.rint(random.nextDouble() * 1e22); // integers around the 1e21 switch to exponent form
            case 10:
                return Float.intBitsToFloat(random.nextInt()); // a Float, widened to double on both sides
            case 11:
                return random.nextLong(); // a Long, rounded to double on both sides
            case 12:
                return random.nextInt();
            default:
                // Short decimals as people type them, e.g. 12.5e-3.
                String literal = (random.nextInt(100_000)) + "." + random.nextInt(1000) + "e"
                        + (random.nextInt(60) - 30);
                return Double.parseDouble(literal);
        }
    }

    private static String string(Random random) {
        int length = random.nextInt(10) == 0 ? 40 + random.nextInt(40) : random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0:
                case 1:
                    s.append((char) (0x20 + random.nextInt(0x5f))); // printable ASCII
                    break;
                case 2:
                    s.append(ESCAPE_EDGES[random.nextInt(ESCAPE_EDGES.length)]);
                    break;
                case 3:
                    s.append((char) random.nextInt(0x20)); // controls
                    break;
                case 4: {
                    char c = (char) random.nextInt(0x10000); // anything in the BMP, surrogates included
                    s.append(c);
                    break;
                }
                case 5:
                    s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // non-BMP: a surrogate pair
                    break;
                case 6:
                    s.append((char) (random.nextBoolean() ? 0xd800 + random.nextInt(0x400) // lone surrogate
                            : 0xdc00 + random.nextInt(0x400)));
                    break;
                default:
                    s.append(WORDS[random.nextInt(WORDS.length)]);
                    break;
            }
        }
        return s.toString();
    }

    private static String key(Random random) {
        return random.nextInt(5) == 0 ? string(random) : KEYS[random.nextInt(KEYS.length)];
    }

    private static String uuidLike(Random random) {
        String hex = Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong()
                | Long.MIN_VALUE);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
