package dev.isosync.browserclient.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A JSON object parsed by the browser ({@link NativeJson}) seen as a {@code Map<String, Object>}: each value is
 * turned into its Java form when read ({@link JsValues#toJava}), and writes change the JavaScript object itself.
 * Keys iterate in the object's order, which is the text's, except that keys that are array indexes ("0", "7") come
 * first, in numeric order, as JavaScript orders them.
 */
final class JsObjectMap extends AbstractMap<String, Object> {
    private final JSObject object;

    JsObjectMap(JSObject object) {
        this.object = object;
    }

    /** The JavaScript object seen: shared, not copied. */
    JSObject object() {
        return object;
    }

    @Override
    public Object get(Object key) {
        return key instanceof String ? JsValues.toJava(member(object, (String) key)) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String && has(object, (String) key);
    }

    @Override
    public int size() {
        return size(object);
    }

    @Override
    public boolean isEmpty() {
        return size(object) == 0;
    }

    @Override
    public Object put(String key, Object value) {
        Object old = get(Objects.requireNonNull(key, "key"));
        JsValues.set(object, key, JsValues.toJs(value));
        return old;
    }

    @Override
    public Object remove(Object key) {
        if (!containsKey(key)) {
            return null;
        }
        Object old = get(key);
        delete(object, (String) key);
        return old;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<Entry<String, Object>>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                JSObject keys = keys(object);
                int n = Idb.length(keys);
                return new Iterator<Entry<String, Object>>() {
                    private int next;
                    private String last;

                    @Override
                    public boolean hasNext() {
                        return next < n;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= n) {
                            throw new NoSuchElementException();
                        }
                        last = JsValues.keyAt(keys, next++);
                        return new Member(last, get(last));
                    }

                    @Override
                    public void remove() {
                        if (last == null) {
                            throw new IllegalStateException();
                        }
                        delete(object, last);
                        last = null;
                    }
                };
            }

            @Override
            public int size() {
                return JsObjectMap.this.size();
            }
        };
    }

    /** One member, read when the iterator came to it; setting its value writes the object. */
    private final class Member implements Entry<String, Object> {
        private final String key;
        private Object value;

        Member(String key, Object value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public Object setValue(Object newValue) {
            Object old = value;
            put(key, newValue);
            value = newValue;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Entry)) {
                return false;
            }
            Entry<?, ?> e = (Entry<?, ?>) o;
            return key.equals(e.getKey()) && Objects.equals(value, e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    // own members only: a key such as "constructor" or "__proto__" is data here, as in the JSON text
    @JSBody(params = {"o", "key"}, script = "return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : null;")
    private static native JSObject member(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "return Object.prototype.hasOwnProperty.call(o, key);")
    private static native boolean has(JSObject o, String key);

    @JSBody(params = "o", script = "return Object.keys(o).length;")
    private static native int size(JSObject o);

    @JSBody(params = "o", script = "return Object.keys(o);")
    private static native JSObject keys(JSObject o);

    @JSBody(params = {"o", "key"}, script = "delete o[key];")
    private static native void delete(JSObject o, String key);
}
