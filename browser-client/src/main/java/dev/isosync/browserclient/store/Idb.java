package dev.isosync.browserclient.store;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The IndexedDB calls the store needs, as small JavaScript bodies plus {@link Async} waits. The bindings of
 * teavm-jso-apis 0.16 lack {@code getAll}, give array key paths for a single key (TOOLCHAIN.md 9.1) and no
 * error messages, so the store talks to IndexedDB through these instead.
 *
 * <p>A wait resumes the green thread from inside the request's success event, so the next request is issued
 * while the transaction is still active (DESIGN.md "Running where there is no blocking"). Writes need no wait:
 * IndexedDB runs a transaction's requests in order, and a failed one aborts the transaction, which the store
 * sees when it waits for the end ({@link TransactionEnd}).
 */
final class Idb {
    private Idb() {
    }

    /** Called with a request's result. */
    @JSFunctor
    interface ResultHandler extends JSObject {
        void handle(JSObject result);
    }

    /** Called with a DOMException's name and message. */
    @JSFunctor
    interface ErrorHandler extends JSObject {
        void handle(String name, String message);
    }

    /** Creates the object stores that {@code layout} names and the database lacks (in an upgrade). */
    @JSFunctor
    interface Upgrade extends JSObject {
        void run(JSObject db, JSObject tx);
    }

    // ---- opening ---------------------------------------------------------------------------------------

    /** Opens {@code name} at {@code version} (0: the current one), running {@code upgrade} when it is newer. */
    @Async
    static native JSObject open(String name, int version, Upgrade upgrade);

    private static void open(String name, int version, Upgrade upgrade, AsyncCallback<JSObject> callback) {
        openDb(name, version, upgrade, callback::complete, (n, m) -> callback.error(StorageErrors.of(n, m)));
    }

    @JSBody(params = {"name", "version", "upgrade", "ok", "fail"}, script = ""
            + "var settled = false;"
            + "function once(callback) { return function(first, second) {"
            + "  if (!settled) { settled = true; callback(first, second); } }; }"
            + "ok = once(ok); fail = once(fail);"
            + "var request = version > 0 ? indexedDB.open(name, version) : indexedDB.open(name);"
            + "request.onupgradeneeded = function() { upgrade(request.result, request.transaction); };"
            + "request.onsuccess = function() {"
            // another tab's newer version must not wait for this one: step aside, as IndexedDB asks
            + "  request.result.onversionchange = function() { request.result.close(); };"
            + "  ok(request.result); };"
            + "request.onerror = function() { var cause = request.error;"
            + "  fail(cause ? cause.name : 'Error', cause ? cause.message : 'open failed'); };"
            + "request.onblocked = function() { fail('BlockedError', 'another tab holds an older version of ' + name); };")
    private static native void openDb(String name, int version, Upgrade upgrade, ResultHandler ok, ErrorHandler fail);

    @JSBody(params = {"db", "name"}, script = "return db.objectStoreNames.contains(name);")
    static native boolean hasStore(JSObject db, String name);

    @JSBody(params = "db", script = "return db.version;")
    static native int version(JSObject db);

    /** An object store whose keys are read from its values at {@code keyPath}, or given with each put when null. */
    @JSBody(params = {"db", "name", "keyPath"}, script = "return db.createObjectStore(name, {keyPath: keyPath});")
    static native JSObject createStore(JSObject db, String name, String keyPath);

    /** An object store whose keys IndexedDB generates (1, 2, 3, ...), in the order of the puts. */
    @JSBody(params = {"db", "name"}, script = "return db.createObjectStore(name, {autoIncrement: true});")
    static native JSObject createCountedStore(JSObject db, String name);

    @JSBody(params = {"store", "name", "keyPath"}, script = "store.createIndex(name, keyPath, {unique: false});")
    static native void createIndex(JSObject store, String name, String keyPath);

    /** Deletes the database {@code name} with everything in it; open connections are asked to close first. */
    @Async
    static native JSObject deleteDatabase(String name);

    private static void deleteDatabase(String name, AsyncCallback<JSObject> callback) {
        listen(startDelete(name), result -> callback.complete(result),
                (n, m) -> callback.error(StorageErrors.of(n, m)));
    }

    // a tab still holding it closes on versionchange (see openDb), after which the deletion goes ahead
    @JSBody(params = "name", script = "return indexedDB.deleteDatabase(name);")
    private static native JSObject startDelete(String name);

    @JSBody(params = "db", script = "db.close();")
    static native void close(JSObject db);

    // ---- transactions ----------------------------------------------------------------------------------

    @JSBody(params = {"db", "names", "mode"}, script = "return db.transaction(names, mode);")
    static native JSObject transaction(JSObject db, String[] names, String mode);

    @JSBody(params = {"tx", "name"}, script = "return tx.objectStore(name);")
    static native JSObject store(JSObject tx, String name);

    /** Reports the transaction's end: {@code done(null, null)} on complete, the error's name on abort. */
    @JSBody(params = {"tx", "done"}, script = ""
            + "tx.oncomplete = function() { done(null, null); };"
            + "tx.onabort = function() { var cause = tx.isosyncCause || tx.error;"
            + "  done(cause ? cause.name : 'AbortError', cause ? cause.message : 'the transaction was aborted'); };")
    static native void onEnd(JSObject tx, ErrorHandler done);

    /** Aborts unless the transaction has already ended (then IndexedDB would throw InvalidStateError). */
    @JSBody(params = "tx", script = "try { tx.abort(); } catch (e) { }")
    static native void abort(JSObject tx);

    // ---- requests --------------------------------------------------------------------------------------

    /** Waits for a request of the current transaction and returns its result (undefined as null). */
    @Async
    static native JSObject await(JSObject request);

    private static void await(JSObject request, AsyncCallback<JSObject> callback) {
        listen(request, result -> callback.complete(result), (n, m) -> callback.error(StorageErrors.of(n, m)));
    }

    @JSBody(params = {"r", "ok", "fail"}, script = ""
            + "r.onsuccess = function() { ok(r.result === undefined ? null : r.result); };"
            + "r.onerror = function() { var cause = r.error;"
            // a write issued without a wait failed first (a full disk) and aborted the transaction: that is the cause
            + "  if ((!cause || cause.name === 'AbortError') && r.transaction) {"
            + "    cause = r.transaction.isosyncCause || r.transaction.error || cause; }"
            + "  fail(cause ? cause.name : 'Error', cause ? cause.message : 'request failed'); };")
    private static native void listen(JSObject request, ResultHandler ok, ErrorHandler fail);

    /**
     * Gets many keys with one wait, and the thread resumes with an array of the results, undefined as null. A
     * request per key costs far more than IndexedDB's work behind it, and reading a value costs far more than
     * knowing its key, so beyond a few keys the store first counts what lies between the smallest and the largest
     * key. Nothing there (a fresh store): every result is null. Up to twice the keys: their keys are listed, so
     * that only the present ones are read, the whole range in one go when they are at least half of it, else each
     * alone (a first pull's early pages meet only absent keys, and read no value). More: every get is issued at once.
     */
    @Async
    static native JSObject getMany(JSObject store, String[] keys);

    private static void getMany(JSObject store, String[] keys, AsyncCallback<JSObject> callback) {
        issueGets(store, keys, result -> callback.complete(result), (n, m) -> callback.error(StorageErrors.of(n, m)));
    }

    @JSBody(params = {"store", "keys", "ok", "fail"}, script = ""
            + "var results = new Array(keys.length).fill(null), failed = false,"
            + "  all = keys.map(function(key, index) { return index; });"
            + "function failure(request) { if (failed) { return; } failed = true; var cause = request.error;"
            + "  if ((!cause || cause.name === 'AbortError') && request.transaction) {"
            + "    cause = request.transaction.isosyncCause || request.transaction.error || cause; }"
            + "  fail(cause ? cause.name : 'Error', cause ? cause.message : 'request failed'); }"
            + "function done() { if (!failed) { ok(results); } }"
            + "function each(indexes) { var left = indexes.length;"
            + "  if (left === 0) { done(); return; }"
            + "  indexes.forEach(function(index) { var request = store.get(keys[index]);"
            + "    request.onsuccess = function() {"
            + "      results[index] = request.result === undefined ? null : request.result;"
            + "      if (--left === 0) { done(); } };"
            + "    request.onerror = function() { failure(request); }; }); }"
            + "if (keys.length <= 16) { each(all); return; }"
            // strings order by UTF-16 code units in IndexedDB as in Array.prototype.sort
            + "var sorted = keys.slice().sort(), range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);"
            + "var counting = store.count(range);"
            + "counting.onerror = function() { failure(counting); };"
            + "counting.onsuccess = function() {"
            + "  if (counting.result === 0) { done(); return; }"
            + "  if (counting.result > 2 * keys.length) { each(all); return; }"
            + "  var listing = store.getAllKeys(range);"
            + "  listing.onerror = function() { failure(listing); };"
            + "  listing.onsuccess = function() { var present = new Set(listing.result);"
            + "    var wanted = all.filter(function(index) { return present.has(keys[index]); });"
            + "    if (listing.result.length > 2 * wanted.length) { each(wanted); return; }"
            + "    var values = store.getAll(range);"
            + "    values.onerror = function() { failure(values); };"
            + "    values.onsuccess = function() { var found = new Map();"
            + "      for (var position = 0; position < listing.result.length; position++) {"
            + "        found.set(listing.result[position], values.result[position]); }"
            + "      wanted.forEach(function(index) { results[index] = found.get(keys[index]); });"
            + "      done(); }; }; };")
    private static native void issueGets(JSObject store, String[] keys, ResultHandler ok, ErrorHandler fail);

    /**
     * Issues a put. Nobody waits for it, so should it fail, its error is noted on the transaction
     * ({@code isosyncCause}), which then aborts: the requests still waiting fail with a mere AbortError, and
     * report this cause instead.
     */
    @JSBody(params = {"store", "value"}, script = ""
            + "var request = store.put(value), owner = store.transaction;"
            + "request.onerror = function() { if (!owner.isosyncCause) { owner.isosyncCause = request.error; } };"
            + "return request;")
    static native JSObject put(JSObject store, JSObject value);

    @JSBody(params = {"store", "key"}, script = "return store.get(key);")
    static native JSObject get(JSObject store, String key);

    /** Issues a delete; a failure is noted as {@link #put}'s is. */
    @JSBody(params = {"store", "key"}, script = ""
            + "var request = store.delete(key), owner = store.transaction;"
            + "request.onerror = function() { if (!owner.isosyncCause) { owner.isosyncCause = request.error; } };"
            + "return request;")
    static native JSObject delete(JSObject store, String key);

    @JSBody(params = "store", script = "return store.getAll();")
    static native JSObject getAll(JSObject store);

    /** Issues a clear of every value in {@code store}. */
    @JSBody(params = "store", script = "store.clear();")
    static native void clear(JSObject store);

    @JSBody(params = "store", script = "return store.count();")
    static native JSObject count(JSObject store);

    /** The values of an index whose keys are numbers, from {@code low} to below {@code before}, in key order. */
    @JSBody(params = {"store", "index", "low", "before"},
            script = "return store.index(index).getAll(IDBKeyRange.bound(low, before, false, true));")
    static native JSObject getAllInIndex(JSObject store, String index, double low, double before);

    // ---- values ----------------------------------------------------------------------------------------

    @JSBody(params = "array", script = "return array.length;")
    static native int length(JSObject array);

    @JSBody(params = {"array", "i"}, script = "return array[i];")
    static native JSObject at(JSObject array, int i);

    @JSBody(params = "value", script = "return value;")
    static native double asNumber(JSObject value);
}
