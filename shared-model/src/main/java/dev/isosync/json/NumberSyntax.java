package dev.isosync.json;

/**
 * How JSON numbers are read and written: as JavaScript does, correctly rounded to the nearest double when read and
 * as ECMAScript's {@code Number.prototype.toString} when written (PROTOCOL.md 9.2). The Java implementation needs big
 * integer arithmetic and a digit generator; a platform that has JavaScript's own (the browser) puts that in with
 * {@link Json#useNumberSyntax} and does not carry the Java code.
 */
public interface NumberSyntax {
    /**
     * @param literal a JSON number literal, already checked against the grammar
     *     {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}
     * @return the nearest double, infinite when the literal is beyond the largest one
     */
    double read(String literal);

    /**
     * @param value any double
     * @return ECMAScript's text of it, {@code -0} as {@code 0}, NaN and infinities as {@code null}
     */
    String write(double value);
}
