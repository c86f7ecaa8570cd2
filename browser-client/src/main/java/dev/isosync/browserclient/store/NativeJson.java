package dev.isosync.browserclient.store;

import dev.isosync.json.JsonException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * JSON read by the browser's own parser, {@code JSON.parse}, for the server's answers: it reads a page of 5,000
 * todos in a tenth of the time the shared parser compiled to JavaScript takes, and makes no Java object for a value
 * until one is read. Objects and arrays come as {@link java.util.Map} and {@link java.util.List} views of the
 * parsed JavaScript values ({@link JsObjectMap}, {@link JsArrayList}); the other values as the shared parser gives
 * them (String, Double, Boolean, null). A record read from an answer and stored is then copied by JavaScript from
 * the parsed object, and its revision hashed from it, without ever being turned into Java maps and back.
 *
 * <p>Unlike the shared parser, {@code JSON.parse} takes a repeated key (the last one counts) and has no nesting
 * limit. That is no concern for what our own server writes: it never repeats a key, and nests no deeper than it
 * accepted.
 */
public final class NativeJson {
    private NativeJson() {
    }

    /**
     * The JSON value of {@code text}.
     *
     * @throws JsonException when it is not JSON, with the browser's message
     */
    public static Object parse(String text) {
        JSObject outcome = parseOrFail(text);
        if (failed(outcome)) {
            throw new JsonException("Not JSON: " + message(outcome), position(outcome));
        }
        return JsValues.toJava(value(outcome));
    }

    /** {@code {value}}, or {@code {error, position}} with the browser's message and the position it names. */
    @JSBody(params = "text", script = "try { return {value: JSON.parse(text)}; } catch (e) {"
            + " var message = String(e && e.message || e), at = /position (\\d+)/.exec(message);"
            + " return {error: message, position: at ? Number(at[1]) : 0}; }")
    private static native JSObject parseOrFail(String text);

    @JSBody(params = "outcome", script = "return outcome.position;")
    private static native int position(JSObject outcome);

    @JSBody(params = "outcome", script = "return outcome.error !== undefined;")
    private static native boolean failed(JSObject outcome);

    @JSBody(params = "outcome", script = "return outcome.error;")
    private static native String message(JSObject outcome);

    @JSBody(params = "outcome", script = "return outcome.value;")
    private static native JSObject value(JSObject outcome);
}
