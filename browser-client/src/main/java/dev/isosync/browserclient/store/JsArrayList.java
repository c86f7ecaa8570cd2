package dev.isosync.browserclient.store;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A JSON array parsed by the browser ({@link NativeJson}) seen as a {@code List<Object>}: each item is turned into
 * its Java form when read ({@link JsValues#toJava}), and writes change the JavaScript array itself.
 */
final class JsArrayList extends AbstractList<Object> implements RandomAccess {
    private final JSObject array;

    JsArrayList(JSObject array) {
        this.array = array;
    }

    /** The JavaScript array seen: shared, not copied. */
    JSObject array() {
        return array;
    }

    @Override
    public Object get(int index) {
        checkIndex(index, size());
        return JsValues.toJava(Idb.at(array, index));
    }

    @Override
    public int size() {
        return Idb.length(array);
    }

    @Override
    public Object set(int index, Object value) {
        Object old = get(index);
        splice(array, index, 1, JsValues.toJs(value));
        return old;
    }

    @Override
    public void add(int index, Object value) {
        checkIndex(index, size() + 1);
        splice(array, index, 0, JsValues.toJs(value));
        modCount++;
    }

    @Override
    public Object remove(int index) {
        Object old = get(index);
        remove(array, index);
        modCount++;
        return old;
    }

    private static void checkIndex(int index, int bound) {
        if (index < 0 || index >= bound) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + bound);
        }
    }

    @JSBody(params = {"a", "index", "removed", "value"}, script = "a.splice(index, removed, value);")
    private static native void splice(JSObject a, int index, int removed, JSObject value);

    @JSBody(params = {"a", "index"}, script = "a.splice(index, 1);")
    private static native void remove(JSObject a, int index);
}
