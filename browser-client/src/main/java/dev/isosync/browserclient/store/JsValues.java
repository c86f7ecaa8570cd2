package dev.isosync.browserclient.store;

import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Records as structured JavaScript objects: they are built value by value, and come back copied value by value
 * into the forms the shared parser gives, so numbers are JavaScript numbers in the database and the same doubles in
 * Java. Values parsed by the browser ({@link NativeJson}) go both ways without that: a view is turned
 * into JavaScript by copying the object it sees, in JavaScript.
 */
final class JsValues {
    /** As deep as the server's JDBC store reads: deeper than anything validation lets through. */
    private static final int MAX_DEPTH = 1024;

    private JsValues() {
    }

    /**
     * A JSON value (maps, lists, strings, numbers, booleans, null) as the structured JavaScript value that
     * {@code JSON.parse(Json.write(value))} would give, built directly: formatting every number as text and
     * parsing it again cost more than the IndexedDB write itself.
     */
    @SuppressWarnings("unchecked")
    static JSObject toJs(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsObjectMap) {
            return copy(((JsObjectMap) value).object());
        }
        if (value instanceof JsArrayList) {
            return copy(((JsArrayList) value).array());
        }
        if (value instanceof String) {
            return string((String) value);
        }
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            // JSON has no NaN or infinities: JSON.parse(Json.write(...)) would give null
            return Double.isNaN(d) || Double.isInfinite(d) ? null : number(d == 0 ? 0 : d);
        }
        if (value instanceof Boolean) {
            return bool((Boolean) value);
        }
        if (value instanceof Map) {
            JSObject object = newObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                set(object, e.getKey(), toJs(e.getValue()));
            }
            return object;
        }
        if (value instanceof List) {
            JSObject array = newArray();
            for (Object item : (List<Object>) value) {
                push(array, toJs(item));
            }
            return array;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /**
     * {@link #toJs}, except that a view gives the very object it sees, not a copy: for reading only, as the
     * revision does.
     */
    static JSObject asJs(Object value) {
        if (value instanceof JsObjectMap) {
            return ((JsObjectMap) value).object();
        }
        if (value instanceof JsArrayList) {
            return ((JsArrayList) value).array();
        }
        return toJs(value);
    }

    /** A deep copy of a JSON value, {@code -0} as {@code 0}, as {@link #toJs} gives numbers. */
    @JSBody(params = "value", script = ""
            + "function copy(v) {"
            + "  if (v === null || typeof v !== 'object') { return v === 0 ? 0 : v; }"
            + "  var i, out;"
            + "  if (Array.isArray(v)) { out = new Array(v.length);"
            + "    for (i = 0; i < v.length; i++) { out[i] = copy(v[i]); }"
            + "    return out; }"
            + "  var keys = Object.keys(v); out = {};"
            + "  for (i = 0; i < keys.length; i++) { var k = keys[i];"
            + "    if (k === '__proto__') { Object.defineProperty(out, k,"
            + "        {value: copy(v[k]), enumerable: true, writable: true, configurable: true}); }"
            + "    else { out[k] = copy(v[k]); } }"
            + "  return out; }"
            + "return copy(value);")
    private static native JSObject copy(JSObject value);

    /**
     * The Java form of a JSON value parsed by the browser: null, String, Double, Boolean, or a view of an array
     * ({@link JsArrayList}) or an object ({@link JsObjectMap}).
     */
    static Object toJava(JSObject value) {
        switch (kind(value)) {
            case 0:
                return null;
            case 1:
                return asString(value);
            case 2:
                return Idb.asNumber(value);
            case 3:
                return asBoolean(value);
            case 4:
                return new JsArrayList(value);
            default:
                return new JsObjectMap(value);
        }
    }

    @JSBody(params = "v", script = "if (v === null || v === undefined) { return 0; }"
            + "switch (typeof v) { case 'string': return 1; case 'number': return 2; case 'boolean': return 3; }"
            + "return Array.isArray(v) ? 4 : 5;")
    private static native int kind(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native String asString(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native boolean asBoolean(JSObject v);

    @JSBody(params = {"keys", "i"}, script = "return keys[i];")
    static native String keyAt(JSObject keys, int i);

    @JSBody(script = "return {};")
    private static native JSObject newObject();

    @JSBody(script = "return [];")
    private static native JSObject newArray();

    // a key named __proto__ would set the prototype instead of becoming a member, as it does in JSON.parse's result
    @JSBody(params = {"object", "key", "value"}, script = "if (key === '__proto__') {"
            + " Object.defineProperty(object, key, {value: value, enumerable: true, writable: true, configurable: true});"
            + " } else { object[key] = value; }")
    static native void set(JSObject object, String key, JSObject value);

    @JSBody(params = {"array", "value"}, script = "array.push(value);")
    private static native void push(JSObject array, JSObject value);

    @JSBody(params = "value", script = "return value;")
    private static native JSObject string(String value);

    @JSBody(params = "value", script = "return value;")
    private static native JSObject number(double value);

    @JSBody(params = "value", script = "return value;")
    private static native JSObject bool(boolean value);

    /**
     * A stored JavaScript object as a mutable Java map, deeply copied value by value: what
     * {@code Json.parse(JSON.stringify(value))} gives (members whose value is undefined left out, in arrays read as
     * null), without writing the text and parsing it again, which cost most of reading a list.
     */
    static Map<String, Object> toMap(JSObject value) {
        return toMap(value, 0);
    }

    private static Map<String, Object> toMap(JSObject object, int depth) {
        JSObject keys = keys(object);
        int n = Idb.length(keys);
        Map<String, Object> map = new LinkedHashMap<>(n * 4 / 3 + 1);
        for (int i = 0; i < n; i++) {
            copyMember(object, keyAt(keys, i), map, depth);
        }
        return map;
    }

    /** Puts {@code object}'s own member {@code key} into {@code map}, unless it has none or its value is undefined. */
    private static void copyMember(JSObject object, String key, Map<String, Object> map, int depth) {
        JSObject member = ownMember(object, key);
        if (!isUndefined(member)) {
            map.put(key, copyToJava(member, depth + 1));
        }
    }

    /** A JSON value read from the store as its Java form, as the shared parser gives it: Double for every number. */
    private static Object copyToJava(JSObject value, int depth) {
        int kind = kind(value);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return asString(value);
            case 2:
                double d = Idb.asNumber(value);
                // as JSON.stringify writes them: no NaN or infinities, and -0 as 0
                return Double.isNaN(d) || Double.isInfinite(d) ? null : (Double) (d == 0 ? 0.0 : d);
            case 3:
                return asBoolean(value);
            default:
                if (depth > MAX_DEPTH) {
                    throw new IllegalStateException("a stored value nests deeper than " + MAX_DEPTH + " levels");
                }
                if (kind == 5) {
                    return toMap(value, depth);
                }
                List<Object> list = new ArrayList<>();
                for (int i = 0, n = Idb.length(value); i < n; i++) {
                    list.add(copyToJava(Idb.at(value, i), depth + 1));
                }
                return list;
        }
    }

    @JSBody(params = "o", script = "return Object.keys(o);")
    private static native JSObject keys(JSObject o);

    // own members only: a key such as "constructor" is data here, as in the JSON text
    @JSBody(params = {"o", "key"},
            script = "return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;")
    private static native JSObject ownMember(JSObject o, String key);

    @JSBody(params = "v", script = "return v === undefined;")
    private static native boolean isUndefined(JSObject v);

    /**
     * A stored record with its declared properties in declaration order, then the others in stored order, as the
     * other stores return it; copied straight into that order.
     */
    static Map<String, Object> toRecord(ModelDefinition model, JSObject value) {
        JSObject keys = keys(value);
        int n = Idb.length(keys);
        Map<String, Object> record = new LinkedHashMap<>(n * 4 / 3 + 1);
        for (Property p : model.properties()) {
            copyMember(value, p.name(), record, 0);
        }
        for (int i = 0; i < n; i++) {
            String key = keyAt(keys, i);
            if (model.property(key) == null) {
                copyMember(value, key, record, 0);
            }
        }
        return record;
    }
}
