package dev.isosync.browserclient.store;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * What one IndexedDB transaction ({@link IdbTransaction}) knows of one model's entries: each entry as IndexedDB gave
 * it or as the transaction changed it, or that an id has none (an id never looked up is unknown); the ids of the
 * entries changed since they were last put; and, per checkpoint, the ids whose change rows were written since the
 * change log was last appended.
 *
 * <p>It is kept in JavaScript maps and sets, not Java collections: a JavaScript object put into a Java collection is
 * wrapped, and TeaVM keeps a weak reference per wrapped object to give it one identity, which cost more per record
 * than the record's put into IndexedDB and burdened the garbage collector besides.
 */
final class EntryMemory {
    private final JSObject memory = create();

    @JSBody(script = "return {entries: new Map(), unput: new Set(), unlogged: new Map()};")
    private static native JSObject create();

    /** Whether the entry of {@code id}, or its absence, is known. */
    @JSBody(params = {"memory", "id"}, script = "return memory.entries.has(id);")
    private static native boolean knows(JSObject memory, String id);

    boolean knows(String id) {
        return knows(memory, id);
    }

    /** The entry of {@code id}, or {@code null} when it has none or is unknown ({@link #knows} tells which). */
    @JSBody(params = {"memory", "id"}, script = "var entry = memory.entries.get(id); return entry ? entry : null;")
    private static native JSObject entry(JSObject memory, String id);

    JSObject entry(String id) {
        return entry(memory, id);
    }

    /** Remembers the entry IndexedDB gave for {@code id}, {@code null} for none. */
    @JSBody(params = {"memory", "id", "entry"}, script = "memory.entries.set(id, entry || null);")
    private static native void remember(JSObject memory, String id, JSObject entry);

    void remember(String id, JSObject entry) {
        remember(memory, id, entry);
    }

    /**
     * The entry of {@code id} to change in place (a new one when it has none, which must be known), noted to be put.
     */
    @JSBody(params = {"memory", "id"}, script = "var entry = memory.entries.get(id);"
            + "if (!entry) { entry = {modelId: id}; memory.entries.set(id, entry); }"
            + "memory.unput.add(id); return entry;")
    private static native JSObject toChange(JSObject memory, String id);

    JSObject toChange(String id) {
        return toChange(memory, id);
    }

    /** Whether {@code limit} entries or more wait to be put, {@code id}'s not among them. */
    @JSBody(params = {"memory", "id", "limit"}, script = "return memory.unput.size >= limit && !memory.unput.has(id);")
    private static native boolean waiting(JSObject memory, String id, int limit);

    boolean waiting(String id, int limit) {
        return waiting(memory, id, limit);
    }

    /**
     * Puts every entry changed since the last call into {@code store}, or deletes it when it holds neither a record
     * nor a change row (it is then known absent). Nobody waits for these requests: should one fail, its error is
     * noted on the transaction ({@code isosyncCause}), as {@link Idb#put} does. The id goes with the put as the
     * entry's key ({@link IndexedDbStore#open} makes entry stores without a key path), unless the store takes its
     * keys from the entries ({@code modelId}), as those of databases made before did.
     */
    @JSBody(params = {"memory", "store"}, script = ""
            + "var owner = store.transaction, keyed = store.keyPath === null;"
            + "function noteCause() { if (!owner.isosyncCause) { owner.isosyncCause = this.error; } }"
            + "memory.unput.forEach(function(id) { var entry = memory.entries.get(id), request;"
            + "  if (entry.record === undefined && entry.change === undefined) {"
            + "    request = store.delete(id); memory.entries.set(id, null);"
            + "  } else { request = keyed ? store.put(entry, id) : store.put(entry); }"
            + "  request.onerror = noteCause; });"
            + "memory.unput.clear();")
    private static native void putChanged(JSObject memory, JSObject store);

    void putChanged(JSObject store) {
        putChanged(memory, store);
    }

    /** Notes that the change row of {@code id} was written with {@code checkpoint}, for the next log append. */
    @JSBody(params = {"memory", "checkpoint", "id"}, script = "var ids = memory.unlogged.get(checkpoint);"
            + "if (!ids) { ids = new Set(); memory.unlogged.set(checkpoint, ids); } ids.add(id);")
    private static native void logged(JSObject memory, double checkpoint, String id);

    void logged(double checkpoint, String id) {
        logged(memory, checkpoint, id);
    }

    /**
     * The ids noted by {@link #logged} since the last call, as a JavaScript {@code Map} from checkpoint to a
     * {@code Set} of ids, for {@link ChangeLog#append}; the notes start again empty.
     */
    @JSBody(params = "memory", script = "var unlogged = memory.unlogged; memory.unlogged = new Map(); return unlogged;")
    private static native JSObject takeUnlogged(JSObject memory);

    JSObject takeUnlogged() {
        return takeUnlogged(memory);
    }
}
