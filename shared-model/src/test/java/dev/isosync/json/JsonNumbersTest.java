package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Number parsing must round exactly as JavaScript does; on the JVM {@code Double.parseDouble} is correctly rounded,
 * so it is the reference here. Our own code exists because TeaVM's is not: {@code 8.41e21} and
 * {@code 2.4703282292062328e-324} below are literals TeaVM 0.16 reads wrongly.
 */
class JsonNumbersTest {

    private static void assertParsesLikeTheJdk(String literal) {
        double expected = Double.parseDouble(literal);
        double actual = (Double) Json.parse(literal);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> literal + ": expected " + expected + ", got " + actual);
    }

    @Test
    void hardCases() {
        String[] literals = {
            "0", "-0", "0.0", "-0.0", "0e0", "0e-999999999999", "1", "0.1", "0.2", "0.3", "1.5", "100", "1e23",
            "8.98846567431158e307", "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740995",
            "9007199254740993.0000000000000000000001", "9007199254740992.9999999999999999999",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "3e-324", "7e-324",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
            "-1e309", "1e-323", "1e-324", "1e-400", "1e99999999999999999999", "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001", "1764115200123", "12345678901234567890",
            "0.30000000000000004", "4.35", "8.41e21", "9007199254740993.0000000000001", "1E+2", "1e-7", "179769313486231580793728971405303415079934132710037826936"
                    + "17364232120620683140097297452891010040011541624612163116025452425592154993645281003963262524"
                    + "1315413405669848543486484758127126946098713236931264036624209127302254587023193853024052543"
                    + "15364405016427587233"
        };
        for (String literal : literals) {
            assertParsesLikeTheJdk(literal);
        }
    }

    @Test
    void veryLongLiteralsRoundOnTheirTrailingDigits() {
        // 2^53 + 1 is exactly halfway between two doubles; a non-zero digit 900 places later decides upwards.
        String zeros = String.join("", Collections.nCopies(900, "0"));
        assertParsesLikeTheJdk("9007199254740993." + zeros);
        assertParsesLikeTheJdk("9007199254740993." + zeros + "1");
        assertParsesLikeTheJdk("1" + zeros + "e-900");
        assertParsesLikeTheJdk("0." + zeros + "123e900");
        assertParsesLikeTheJdk("1" + zeros + "1e-1000");
    }

    @Test
    void randomDecimalLiterals() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder literal = new StringBuilder();
            if (random.nextBoolean()) {
                literal.append('-');
            }
            int digits = 1 + random.nextInt(i % 10 == 0 ? 40 : 20);
            literal.append(1 + random.nextInt(9));
            for (int d = 1; d < digits; d++) {
                literal.append(random.nextInt(10));
            }
            if (random.nextBoolean()) {
                literal.insert(literal.length() - random.nextInt(digits), '.');
                if (literal.charAt(literal.length() - 1) == '.') {
                    literal.append('5');
                }
                if (literal.charAt(0) == '.' || literal.toString().startsWith("-.")) {
                    literal.insert(literal.charAt(0) == '-' ? 1 : 0, '0');
                }
            }
            literal.append('e').append(random.nextInt(700) - 350);
            assertParsesLikeTheJdk(literal.toString());
        }
    }

    @Test
    void halfwayPointsBetweenRandomDoublesRoundToEven() {
        Random random = new Random(6);
        for (int i = 0; i < 5_000; i++) {
            double d = Math.abs(Double.longBitsToDouble(random.nextLong()));
            if (Double.isNaN(d) || Double.isInfinite(d) || d == Double.MAX_VALUE) {
                continue;
            }
            BigDecimal low = new BigDecimal(d);
            BigDecimal high = new BigDecimal(Math.nextUp(d));
            BigDecimal halfway = low.add(high).divide(BigDecimal.valueOf(2));
            BigDecimal tiny = halfway.ulp(); // one unit in the last decimal place of the exact halfway point
            assertParsesLikeTheJdk(halfway.toString());
            assertParsesLikeTheJdk(halfway.add(tiny).toString());
            assertParsesLikeTheJdk(halfway.subtract(tiny).toString());
        }
    }

    @Test
    void shortestFormsOfRandomDoublesReadBackExactly() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                String written = JsonNumbers.format(d);
                assertEquals(d == 0 ? 0.0 : d, (Double) Json.parse(written), written);
            }
        }
    }

    @Test
    void formatsAsEcmaScriptNumberToString() {
        // The edge values PROTOCOL.md 9.2 lists as checked against Node.
        assertEquals("0.30000000000000004", JsonNumbers.format(0.1 + 0.2));
        assertEquals("1e+21", JsonNumbers.format(1e21));
        assertEquals("1e-7", JsonNumbers.format(1e-7));
        assertEquals("12345678901234567000", JsonNumbers.format(12345678901234567890.0));
        assertEquals("0", JsonNumbers.format(-0.0));
        assertEquals("100", JsonNumbers.format(100));
        assertEquals("5e-324", JsonNumbers.format(5e-324));
        assertEquals("1.7976931348623157e+308", JsonNumbers.format(Double.MAX_VALUE));
        assertEquals("0.000001", JsonNumbers.format(1e-6));
        assertEquals("-1.5", JsonNumbers.format(-1.5));
        assertEquals("null", JsonNumbers.format(Double.NaN));
        assertEquals("null", JsonNumbers.format(Double.NEGATIVE_INFINITY));
    }
}
