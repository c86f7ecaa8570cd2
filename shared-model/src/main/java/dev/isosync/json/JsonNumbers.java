package dev.isosync.json;

import java.io.IOException;
import java.math.BigInteger;
import org.erdtman.jcs.NumberToJSON;

/**
 * JSON numbers as JavaScript sees them: every number is an IEEE double (PROTOCOL.md 9.2).
 *
 * <p>Parsing does not use {@code Double.parseDouble}: TeaVM 0.16's is not correctly rounded (it reads {@code 8.41e21}
 * as the double next to the right one, and {@code 2.4703282292062328e-324} as 0), so the browser would hash another
 * revision than the JVM and LoopBack. This class rounds correctly (to nearest, ties to even, as JavaScript does) with
 * the same code on both platforms.
 */
final class JsonNumbers implements NumberSyntax {
    /** The powers of ten that doubles hold exactly (10^22 is the largest). */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /**
     * Every halfway point between two doubles has at most 767 significant digits, so digits beyond this many only
     * matter as "something non-zero follows"; cutting there keeps a huge literal from costing huge BigIntegers.
     */
    private static final int MAX_SIGNIFICANT_DIGITS = 780;

    /** Saturation bound for the exponent: any larger exponent already means zero or infinity. */
    private static final int MAX_EXPONENT_MAGNITUDE = 100_000;

    /** 2^53: every integer up to it is a double. */
    private static final double MAX_SAFE_INTEGER = 9007199254740992.0;

    /** Made by {@link Json}, by name (see there). */
    JsonNumbers() {
    }

    @Override
    public double read(String literal) {
        return parse(literal);
    }

    @Override
    public String write(double value) {
        return format(value);
    }

    /**
     * Formats a number as ECMAScript's {@code Number.prototype.toString} does ({@code 1e+21}, {@code 1e-7},
     * {@code 0.30000000000000004}), with {@code -0} as {@code 0} and non-finite values as {@code null}, which is
     * what both {@code JSON.stringify} and canonical-json write (PROTOCOL.md 1.2).
     */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0"; // also -0
        }
        if (value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER) {
            return integer(value);
        }
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            // serializeNumber only complains about NaN and infinities, which were handled above.
            throw new IllegalStateException("Cannot format " + value, e);
        }
    }

    /**
     * An integer of at most 2^53 in magnitude, in plain digits as ECMAScript writes every integer below 10^21.
     * Done in double arithmetic, exact in this range: the general formatter works in {@code long}s, which TeaVM
     * emulates slowly, and timestamps and counters are most of the numbers a store writes.
     */
    private static String integer(double value) {
        char[] digits = new char[17];
        int at = digits.length;
        double rest = Math.abs(value);
        while (rest > 0) {
            double digit = rest % 10;
            digits[--at] = (char) ('0' + (int) digit);
            rest = (rest - digit) / 10;
        }
        return (value < 0 ? "-" : "") + new String(digits, at, digits.length - at);
    }

    /**
     * Converts a literal that already matched the JSON number grammar
     * ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) to the nearest double.
     */
    static double parse(String literal) {
        int i = 0;
        int end = literal.length();
        boolean negative = literal.charAt(0) == '-';
        if (negative) {
            i++;
        }

        // Collect the significant digits of the integer and fraction parts; value = digits * 10^exponent.
        StringBuilder digits = new StringBuilder();
        long exponent = 0;
        boolean truncatedNonZero = false;
        boolean inFraction = false;
        for (; i < end; i++) {
            char c = literal.charAt(i);
            if (c == '.') {
                inFraction = true;
                continue;
            }
            if (c == 'e' || c == 'E') {
                break;
            }
            if (inFraction) {
                exponent--;
            }
            if (digits.length() == 0 && c == '0') {
                continue; // leading zero
            }
            if (digits.length() < MAX_SIGNIFICANT_DIGITS) {
                digits.append(c);
            } else {
                exponent++; // the digit is dropped, the ones kept move up one place
                truncatedNonZero |= c != '0';
            }
        }
        if (i < end) {
            exponent += parseExponent(literal, i + 1, end);
        }
        if (truncatedNonZero) {
            // A trailing 1 stands for the dropped non-zero digits: it cannot create or cross a halfway point.
            digits.append('1');
            exponent--;
        }
        int length = digits.length();
        while (length > 0 && digits.charAt(length - 1) == '0') {
            length--;
            exponent++;
        }
        digits.setLength(length);

        double magnitude = length == 0 ? 0.0 : toDouble(digits.toString(), exponent);
        return negative ? -magnitude : magnitude;
    }

    private static long parseExponent(String literal, int start, int end) {
        boolean negative = false;
        int i = start;
        if (literal.charAt(i) == '+' || literal.charAt(i) == '-') {
            negative = literal.charAt(i) == '-';
            i++;
        }
        long value = 0;
        for (; i < end; i++) {
            value = Math.min(value * 10 + (literal.charAt(i) - '0'), MAX_EXPONENT_MAGNITUDE);
        }
        return negative ? -value : value;
    }

    /** Returns the double nearest to digits * 10^exponent, where digits has no leading or trailing zeros. */
    private static double toDouble(String digits, long exponent) {
        int length = digits.length();
        if (length + exponent > 310) {
            return Double.POSITIVE_INFINITY; // at least 10^309
        }
        if (length + exponent < -324) {
            return 0.0; // below 10^-325, under half of the smallest subnormal
        }
        if (length <= 15 && Math.abs(exponent) <= 22) {
            // Both operands are exact doubles, so one IEEE operation rounds once, correctly (Clinger's fast path).
            double value = Long.parseLong(digits);
            return exponent >= 0 ? value * EXACT_POWERS_OF_TEN[(int) exponent]
                    : value / EXACT_POWERS_OF_TEN[(int) -exponent];
        }
        BigInteger numerator = new BigInteger(digits);
        BigInteger denominator = BigInteger.ONE;
        if (exponent >= 0) {
            numerator = numerator.multiply(BigInteger.TEN.pow((int) exponent));
        } else {
            denominator = BigInteger.TEN.pow((int) -exponent);
        }
        return nearestDouble(numerator, denominator);
    }

    /** Returns the double nearest to numerator / denominator (both positive), ties to even. */
    private static double nearestDouble(BigInteger numerator, BigInteger denominator) {
        // Find the scale 2^shift that brings the quotient to 53 bits, the width of a double's significand.
        // Subnormals have a fixed scale: the smallest double is 2^-1074.
        int shift = 52 - (numerator.bitLength() - denominator.bitLength());
        BigInteger[] quotientAndRemainder;
        BigInteger divisor;
        while (true) {
            shift = Math.min(shift, 1074);
            BigInteger scaled = shift >= 0 ? numerator.shiftLeft(shift) : numerator;
            divisor = shift >= 0 ? denominator : denominator.shiftLeft(-shift);
            quotientAndRemainder = scaled.divideAndRemainder(divisor);
            int bits = quotientAndRemainder[0].bitLength();
            if (bits > 53) {
                shift -= bits - 53;
            } else if (bits < 53 && shift < 1074) {
                shift += 53 - bits;
            } else {
                break;
            }
        }

        BigInteger significand = quotientAndRemainder[0];
        int half = quotientAndRemainder[1].shiftLeft(1).compareTo(divisor);
        if (half > 0 || (half == 0 && significand.testBit(0))) {
            significand = significand.add(BigInteger.ONE);
            if (significand.bitLength() > 53) {
                significand = significand.shiftRight(1);
                shift--;
            }
        }

        long bits = significand.longValue();
        if (significand.bitLength() < 53) {
            return Double.longBitsToDouble(bits); // subnormal (or zero): biased exponent 0, scale 2^-1074
        }
        long biasedExponent = 1075L - shift; // value = significand * 2^-shift, significand in [2^52, 2^53)
        if (biasedExponent >= 2047) {
            return Double.POSITIVE_INFINITY;
        }
        return Double.longBitsToDouble((biasedExponent << 52) | (bits & 0x000F_FFFF_FFFF_FFFFL));
    }
}
