package dev.isosync.browserclient.store;

import dev.isosync.change.Checkpoint;
import dev.isosync.model.ModelDefinition;
import dev.isosync.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The browser's default store: one IndexedDB database holding, per model, an object store of entries (keyed by
 * {@code modelId}: an instance's record, as a structured object, and its change row in one object, see
 * {@link IdbEntry}) and the change log that orders the change rows ({@link ChangeLog}), plus the checkpoint
 * counter and the store's metadata. A database of the earlier layout (records and change rows in two object
 * stores per model) is moved into this one when it is opened.
 *
 * <p>Every {@link #read}, {@link #write} and {@link #writeBatch} is one IndexedDB transaction over all of these.
 * The work's calls issue requests of that transaction and wait for them on the calling green thread; the work
 * must wait on nothing else (no lock, sleep or XHR), or the transaction commits by itself in between (DESIGN.md
 * "Running where there is no blocking"). A result is returned only once the transaction has committed; when the
 * work throws, the transaction is aborted, so nothing of it is written, and the exception is rethrown. A full
 * disk surfaces as a {@code SyncException} with code {@code STORAGE_FULL} (507).
 *
 * <p>All methods suspend, so they must be called on a TeaVM thread (the sync thread), never from a JS callback.
 */
public final class IndexedDbStore implements Store {
    static final String CHECKPOINT_STORE = "checkpoint";
    static final String META_STORE = "meta";
    static final String CHECKPOINT_KEY = "checkpoint";
    private static final String ENTRIES = "entries/";

    private final JSObject db;
    private final String[] storeNames;
    private final String sourceId;
    private final String time;

    private IndexedDbStore(JSObject db, String[] storeNames, String sourceId, String time) {
        this.db = db;
        this.storeNames = storeNames;
        this.sourceId = sourceId;
        this.time = time;
    }

    /**
     * Opens (creating when needed) the database {@code name} with object stores for {@code models}. A database
     * made earlier for fewer models is upgraded in place: the missing stores are added, nothing is dropped.
     *
     * @throws dev.isosync.error.SyncException when IndexedDB refuses (blocked by another tab, storage full)
     */
    public static IndexedDbStore open(String name, List<ModelDefinition> models) {
        List<String> names = new ArrayList<>();
        names.add(CHECKPOINT_STORE);
        names.add(META_STORE);
        for (ModelDefinition m : models) {
            names.add(entryStore(m));
            names.add(logStore(m.name()));
        }
        Idb.Upgrade upgrade = (database, tx) -> upgrade(database, tx, names, models);
        JSObject db = Idb.open(name, 0, upgrade);
        if (missingStores(db, names)) {
            // an existing database lacks a model: only a version change may add object stores
            int next = Idb.version(db) + 1;
            Idb.close(db);
            db = Idb.open(name, next, upgrade);
        }
        String[] storeNames = names.toArray(new String[0]);
        JSObject tx = Idb.transaction(db, new String[] {CHECKPOINT_STORE}, "readonly");
        Map<String, Object> row = JsValues.toMap(Idb.await(Idb.get(Idb.store(tx, CHECKPOINT_STORE), CHECKPOINT_KEY)));
        IndexedDbStore store = new IndexedDbStore(db, storeNames, (String) row.get("sourceId"), (String) row.get("time"));
        store.write(t -> {
            for (ModelDefinition m : models) {
                ((IdbTransaction) t).compactLog(m);
            }
            return null;
        });
        return store;
    }

    private static boolean missingStores(JSObject db, List<String> names) {
        for (String n : names) {
            if (!Idb.hasStore(db, n)) {
                return true;
            }
        }
        return false;
    }

    /** Runs inside the version-change transaction, from a JS callback: it issues requests and never waits. */
    private static void upgrade(JSObject db, JSObject tx, List<String> names, List<ModelDefinition> models) {
        List<ModelDefinition> created = new ArrayList<>();
        for (ModelDefinition m : models) {
            if (!Idb.hasStore(db, entryStore(m))) {
                created.add(m);
            }
        }
        for (String n : names) {
            if (Idb.hasStore(db, n)) {
                continue;
            }
            if (n.equals(CHECKPOINT_STORE)) {
                JSObject store = Idb.createStore(db, n, "id");
                // the counter starts at 1 with the store's identity, created once (PROTOCOL.md 9.3.5)
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", CHECKPOINT_KEY);
                row.put("seq", 1.0);
                row.put("time", nowIso());
                row.put("sourceId", UUID.randomUUID().toString());
                Idb.put(store, JsValues.toJs(row));
            } else if (n.equals(META_STORE)) {
                Idb.createStore(db, n, "key");
            } else if (n.startsWith(ENTRIES)) {
                // keys given with each put, not read from the entry by a key path: IndexedDB then has no copy of
                // the entry to evaluate the path on, and a put costs the page about a quarter less (a store made
                // with the key path modelId, as before, keeps it and works the same, see EntryMemory.putChanged)
                Idb.createStore(db, n, null);
            } else {
                Idb.createIndex(Idb.createCountedStore(db, n), ChangeLog.CHECKPOINT_INDEX, "checkpoint");
            }
        }
        for (ModelDefinition m : created) {
            String records = "records/" + m.name();
            if (Idb.hasStore(db, records)) {
                moveToEntries(db, tx, records, "changes/" + m.name(), entryStore(m), m.idName());
            }
        }
    }

    /**
     * Moves a model's records and change rows from the two object stores of the earlier layout into entries, then
     * deletes the old stores, all inside the version-change transaction: should any of it fail, the upgrade aborts
     * and the database stays as it was. The change log is built from the entries when the store opens
     * ({@link IdbTransaction#compactLog}).
     */
    @JSBody(params = {"db", "tx", "recordsName", "changesName", "entriesName", "idName"}, script = ""
            + "var records = tx.objectStore(recordsName).getAll(), changes = tx.objectStore(changesName).getAll();"
            + "changes.onsuccess = function() {"
            + "  var byId = new Map();"
            + "  records.result.forEach(function(record) {"
            + "    byId.set(record[idName], {modelId: record[idName], record: record}); });"
            + "  changes.result.forEach(function(row) {"
            + "    var entry = byId.get(row.modelId);"
            + "    if (!entry) { entry = {modelId: row.modelId}; byId.set(row.modelId, entry); }"
            + "    entry.change = {rev: row.rev, checkpoint: row.checkpoint, echo: row.echo === true};"
            + "    if ('prev' in row) { entry.change.prev = row.prev; } });"
            + "  var entries = tx.objectStore(entriesName);"
            + "  byId.forEach(function(entry) { entries.put(entry, entry.modelId); });"
            + "  db.deleteObjectStore(recordsName); db.deleteObjectStore(changesName); };")
    private static native void moveToEntries(JSObject db, JSObject tx, String recordsName, String changesName,
            String entriesName, String idName);

    static String entryStore(ModelDefinition model) {
        return entryStore(model.name());
    }

    static String entryStore(String modelName) {
        return ENTRIES + modelName;
    }

    static String logStore(String modelName) {
        return "log/" + modelName;
    }

    // java.time would add about 280 KB to the bundle (DESIGN.md)
    @JSBody(script = "return new Date().toISOString();")
    private static native String nowIso();

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public <T> T read(Work<T> work) {
        return run("readonly", work, false);
    }

    @Override
    public <T> T write(Work<T> work) {
        return run("readwrite", work, false);
    }

    @Override
    public <T> T writeBatch(Work<T> work) {
        // IndexedDB runs readwrite transactions with overlapping scopes one at a time, and every write spans
        // every store, so a batch excludes other writes by itself
        return run("readwrite", work, true);
    }

    @Override
    public Checkpoint bumpCheckpoint() {
        JSObject tx = Idb.transaction(db, new String[] {CHECKPOINT_STORE}, "readwrite");
        TransactionEnd end = new TransactionEnd(tx);
        long seq;
        try {
            IdbTransaction itx = new IdbTransaction(tx);
            seq = itx.bump();
            itx.flush();
        } catch (RuntimeException e) {
            Idb.abort(tx);
            end.await();
            throw e;
        }
        end.await();
        if (!end.committed()) {
            throw end.failure();
        }
        return new Checkpoint(seq, time, sourceId);
    }

    @Override
    public void close() {
        Idb.close(db);
    }

    /**
     * Deletes the database {@code name} and all its data, as when a user signs out of this browser. Waits until
     * the other tabs of the profile have let go of it.
     *
     * @throws dev.isosync.error.SyncException when IndexedDB refuses
     */
    public static void delete(String name) {
        Idb.deleteDatabase(name);
    }

    private <T> T run(String mode, Work<T> work, boolean bump) {
        JSObject tx = Idb.transaction(db, storeNames, mode);
        TransactionEnd end = new TransactionEnd(tx);
        T result;
        try {
            IdbTransaction itx = new IdbTransaction(tx);
            result = work.run(itx);
            if (bump) {
                itx.bump();
            }
            itx.flush();
        } catch (RuntimeException | Error e) {
            Idb.abort(tx);
            end.await();
            throw e;
        }
        if (mode.equals("readonly")) {
            // every answer is in hand and a read commits nothing: waiting for its end would only cost a round trip
            // to IndexedDB, which a live change pays several times on its way to the screen
            return result;
        }
        end.await();
        if (!end.committed()) {
            // e.g. QuotaExceededError at commit time: IndexedDB rolled everything back
            throw end.failure();
        }
        return result;
    }
}
