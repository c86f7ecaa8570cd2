package dev.isosync.browserclient.store;

import dev.isosync.model.Revisions;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Revisions computed by the browser itself ({@link Revisions.Function}): canonical JSON written and SHA-1 hashed in
 * JavaScript, over the record as the structured object the store puts anyway. The same rule in Java, compiled by
 * TeaVM, cost a third of a first sync's time (PROTOCOL.md 1.2 gives the rule; the end-to-end test holds this
 * function to the Java one over the values canonical-json is compared on).
 *
 * <p>The text is written as canonical-json 0.0.4 writes it: keys sorted by UTF-16 code units, numbers as
 * {@code String(n)} ({@code -0} as {@code 0}, NaN and infinities as {@code null}), and its escape class, tested per
 * code unit (a string with none is written as it is, and keys, which repeat from record to record, are quoted
 * once); the text is hashed as UTF-8, lone surrogates as U+FFFD, as Node's {@code crypto} encodes them. SHA-1 keeps
 * to 32-bit integer arithmetic (each sum cut with {@code | 0}, the constants given as signed numbers), which
 * JavaScript engines compile to machine integers, and reads an ASCII text's characters without encoding it first.
 */
public final class NativeRevisions {
    private static JSObject function;

    private NativeRevisions() {
    }

    /** Makes every revision of this page native, once at start-up. */
    public static void install() {
        Revisions.use(NativeRevisions::of);
    }

    /**
     * The revision of a JSON value tree, as {@link Revisions#portable} gives it.
     *
     * @param value null, a Boolean, Number, String, List or Map with String keys
     * @return 40 lowercase hex digits
     */
    public static String of(Object value) {
        if (function == null) {
            function = create();
        }
        return apply(function, JsValues.asJs(value));
    }

    @JSBody(script = ""
            + "var escapable = /[\\\\\"\\x00-\\x1f\\x7f-\\x9f\\xad\\u0600-\\u0604\\u070f\\u17b4\\u17b5\\u200c-\\u200f\\u2028-\\u202f\\u2060-\\u206f\\ufeff\\ufff0-\\uffff]/g, "
            + "shortForms = {'\\b': '\\\\b', '\\t': '\\\\t', '\\n': '\\\\n', '\\f': '\\\\f', '\\r': '\\\\r', '\"': '\\\\\"', '\\\\': '\\\\\\\\'}; "
            + "function escaped(c) { return shortForms[c] || '\\\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4); } "
            + "var anyEscapable = new RegExp(escapable.source), quotedKeys = new Map(); "
            + "function quote(s) { "
            + "return anyEscapable.test(s) ? '\"' + s.replace(escapable, escaped) + '\"' : '\"' + s + '\"'; } "
            + "function quoteKey(k) { var q = quotedKeys.get(k); "
            + "if (q === undefined) { q = quote(k); if (quotedKeys.size < 1000) { quotedKeys.set(k, q); } } "
            + "return q; } "
            + "function write(v) { "
            + "if (v === null) { return 'null'; } "
            + "switch (typeof v) { "
            + "case 'string': return quote(v); "
            + "case 'number': return isFinite(v) ? String(v) : 'null'; "
            + "case 'boolean': return v ? 'true' : 'false'; "
            + "} "
            + "var i, out; "
            + "if (Array.isArray(v)) { "
            + "out = '['; for (i = 0; i < v.length; i++) { if (i) { out += ','; } out += write(v[i]); } "
            + "return out + ']'; } "
            + "var keys = Object.keys(v).sort(); out = '{'; "
            + "for (i = 0; i < keys.length; i++) { "
            + "if (i) { out += ','; } out += quoteKey(keys[i]) + ':' + write(v[keys[i]]); } "
            + "return out + '}'; "
            + "} "
            + "var utf8 = new TextEncoder(), w = new Int32Array(80), m = new Int32Array(64), hexes = []; "
            + "for (var i = 0; i < 256; i++) { hexes.push((i < 16 ? '0' : '') + i.toString(16)); } "
            + "function hex(x) { return hexes[x >>> 24] + hexes[x >>> 16 & 255] + hexes[x >>> 8 & 255] + hexes[x & 255]; } "
            + "function sha1(text) { "
            + "var n = text.length, i, t; "
            + "for (i = 0; i < n && text.charCodeAt(i) < 128; i++) { } "
            + "var bytes = i < n ? utf8.encode(text) : null; "
            + "if (bytes) { n = bytes.length; } "
            + "var words = (((n + 8) >> 6) + 1) << 4; "
            + "if (m.length < words) { m = new Int32Array(words * 2); } else { m.fill(0, 0, words); } "
            + "for (i = 0; i < n; i++) { m[i >> 2] |= (bytes ? bytes[i] : text.charCodeAt(i)) << (24 - ((i & 3) << 3)); } "
            + "m[n >> 2] |= 0x80 << (24 - ((n & 3) << 3)); "
            + "m[words - 1] = n << 3; "
            + "m[words - 2] = n >>> 29; "
            + "var h0 = 0x67452301, h1 = -271733879, h2 = -1732584194, h3 = 0x10325476, h4 = -1009589776; "
            + "for (var o = 0; o < words; o += 16) { "
            + "var a = h0, b = h1, c = h2, d = h3, e = h4; "
            + "for (i = 0; i < 80; i++) { "
            + "if (i < 16) { w[i] = m[o + i]; } else { t = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]; w[i] = t << 1 | t >>> 31; } "
            + "t = i < 20 ? (b & c | ~b & d) + 0x5a827999 | 0 : i < 40 ? (b ^ c ^ d) + 0x6ed9eba1 | 0 "
            + ": i < 60 ? (b & c | b & d | c & d) - 0x70e44324 | 0 : (b ^ c ^ d) - 0x359d3e2a | 0; "
            + "t = (t + (a << 5 | a >>> 27) | 0) + (e + w[i] | 0) | 0; "
            + "e = d; d = c; c = b << 30 | b >>> 2; b = a; a = t; "
            + "} "
            + "h0 = h0 + a | 0; h1 = h1 + b | 0; h2 = h2 + c | 0; h3 = h3 + d | 0; h4 = h4 + e | 0; "
            + "} "
            + "return hex(h0) + hex(h1) + hex(h2) + hex(h3) + hex(h4); "
            + "} "
            + "return function (value) { return sha1(write(value)); }; ")
    private static native JSObject create();

    @JSBody(params = {"revision", "value"}, script = "return revision(value);")
    private static native String apply(JSObject revision, JSObject value);
}
