package dev.isosync.browserclient.store;

import dev.isosync.json.Json;
import dev.isosync.json.NumberSyntax;
import org.teavm.jso.JSBody;

/**
 * JSON numbers read and written by JavaScript itself ({@link NumberSyntax}): {@code Number(literal)} rounds
 * correctly, and {@code String(n)} is the very text the Java syntax reproduces. Put in at start-up, it keeps the Java
 * syntax's code out of the bundle and makes every number read from the wire cheaper.
 */
public final class NativeNumbers implements NumberSyntax {
    private NativeNumbers() {
    }

    /** Makes every JSON number of this page native, first thing at start-up. */
    public static void install() {
        Json.useNumberSyntax(new NativeNumbers());
    }

    @Override
    public double read(String literal) {
        return number(literal);
    }

    @Override
    public String write(double value) {
        return text(value);
    }

    @JSBody(params = "literal", script = "return Number(literal);")
    private static native double number(String literal);

    @JSBody(params = "value", script = "return isFinite(value) ? String(value) : 'null';")
    private static native String text(double value);
}
