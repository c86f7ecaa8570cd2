package dev.isosync.browserclient.store;

import org.teavm.jso.JSBody;

/**
 * A double as Java writes it ({@code Double.toString}: {@code 1.0}, {@code -0.0}, {@code 1.0E7}, {@code 1.0E-4},
 * {@code NaN}), made from JavaScript's own shortest digits: what every double turned into text in the compiled client
 * goes through, in place of TeaVM's formatter (see {@link dev.isosync.browserclient.compile.NativeDoubleTextPlugin}).
 * JSON numbers are written by {@link NativeNumbers}, as JavaScript writes them; this is for messages.
 */
public final class JavaDoubleText {
    private JavaDoubleText() {
    }

    /**
     * The text of {@code d}: the shortest digits that read back as {@code d} (but at least two, nearest to it), as
     * plain digits with at least one after the point from 10^-3 up to 10^7; else one digit, the point, the rest of the
     * digits (at least one) and {@code E} with the exponent.
     */
    @JSBody(params = "d", script = "if (d !== d) return 'NaN';"
            + " if (d === Infinity || d === -Infinity) return d > 0 ? 'Infinity' : '-Infinity';"
            + " if (d === 0) return 1 / d < 0 ? '-0.0' : '0.0';"
            + " var sign = d < 0 ? '-' : '', a = Math.abs(d), parts = a.toExponential().split('e');"
            // Java writes at least two digits, the pair nearest the value (4.9E-324 where JavaScript has 5e-324)
            + " if (parts[0].length === 1) parts = a.toExponential(1).split('e');"
            + " var digits = parts[0].replace('.', '').replace(/(.)0+$/, '$1'), e = Number(parts[1]);"
            + " if (a < 1e-3 || a >= 1e7) return sign + digits.charAt(0) + '.' + (digits.substring(1) || '0') + 'E' + e;"
            + " if (e < 0) return sign + '0.' + '0'.repeat(-e - 1) + digits;"
            + " while (digits.length <= e) digits += '0';"
            + " return sign + digits.substring(0, e + 1) + '.' + (digits.substring(e + 1) || '0');")
    public static native String of(double d);
}
