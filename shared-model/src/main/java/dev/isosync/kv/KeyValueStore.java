package dev.isosync.kv;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.store.ForwardingTransaction;
import dev.isosync.store.Store;
import dev.isosync.store.StoreTransaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A store kept in a {@link KeyValues} storage (localStorage in the browser): one key per record, per change
 * row and per metadata entry, read into memory when opened and written through at every commit.
 *
 * <p>A commit first writes all of its keys as one journal entry, then the keys themselves, then removes the
 * journal; opening replays a journal left behind. So a transaction is on disk whole or not at all, even if the
 * page dies in the middle. If the storage is full, the journal write fails, the transaction is rolled back,
 * and a 507 {@code STORAGE_FULL} error says so.
 *
 * <p>Several tabs may share one storage: every commit writes a new version key, and a store that finds
 * another version than the one it loaded reads the storage again before it goes on; commits run one at a time
 * across tabs ({@link KeyValues#exclusively}), and the operations of one store one at a time, so that a
 * reload never runs in the middle of this store's own commit.
 */
public final class KeyValueStore implements Store {
    private final KeyValues storage;
    private final String prefix;
    private final Map<String, ModelDefinition> models = new LinkedHashMap<>();
    private MemoryStore memory;
    /** The storage's version when the memory was loaded; another tab's commit changes it. */
    private String loadedVersion;

    private KeyValueStore(KeyValues storage, String prefix, List<ModelDefinition> models, MemoryStore memory) {
        this.storage = storage;
        this.prefix = prefix;
        for (ModelDefinition m : models) {
            this.models.put(m.name(), m);
        }
        this.memory = memory;
    }

    /**
     * Opens (or creates) the store named {@code name} in {@code storage}.
     *
     * @param now the ISO time recorded as the checkpoint's creation time for a new store
     */
    public static KeyValueStore open(KeyValues storage, String name, List<ModelDefinition> models, String now) {
        String prefix = "isosync:" + name + ":";
        replayJournal(storage, prefix);
        Map<String, Object> cp = object(storage.get(prefix + "checkpoint"));
        if (cp == null) {
            cp = new LinkedHashMap<>();
            cp.put("seq", 1);
            cp.put("time", now);
            cp.put("sourceId", UUID.randomUUID().toString());
            storage.put(prefix + "checkpoint", Json.write(cp));
        }
        MemoryStore memory = new MemoryStore((String) cp.get("sourceId"), (String) cp.get("time"),
                ((Number) cp.get("seq")).longValue());
        KeyValueStore store = new KeyValueStore(storage, prefix, models, memory);
        store.load();
        return store;
    }

    /** Reads the storage again if another user (a tab) committed since this store last read it. */
    private void refresh() {
        String version = storage.get(prefix + "version");
        if (version == null ? loadedVersion == null : version.equals(loadedVersion)) {
            return;
        }
        replayJournal(storage, prefix);
        Map<String, Object> cp = object(storage.get(prefix + "checkpoint"));
        memory = new MemoryStore((String) cp.get("sourceId"), (String) cp.get("time"),
                ((Number) cp.get("seq")).longValue());
        load();
    }

    private void load() {
        loadedVersion = storage.get(prefix + "version");
        memory.write(tx -> {
            for (ModelDefinition m : models.values()) {
                for (String key : storage.keys(recordPrefix(m))) {
                    tx.insert(m, object(storage.get(key)));
                }
                for (String key : storage.keys(changePrefix(m))) {
                    tx.saveChange(m, ChangeRows.read(m.name(), key.substring(changePrefix(m).length()),
                            object(storage.get(key))));
                }
            }
            for (String key : storage.keys(prefix + "meta:")) {
                tx.putMeta(key.substring(prefix.length() + 5), storage.get(key));
            }
            return null;
        });
    }

    @Override
    public String sourceId() {
        return memory.sourceId();
    }

    @Override
    public synchronized <T> T read(Work<T> work) {
        // under the lock too: another tab may be in the middle of applying a commit
        return storage.exclusively(() -> {
            refresh();
            return memory.read(work);
        });
    }

    @Override
    public synchronized <T> T write(Work<T> work) {
        return storage.exclusively(() -> {
            refresh();
            return memory.write(tx -> commit(tx, work, false));
        });
    }

    @Override
    public synchronized <T> T writeBatch(Work<T> work) {
        return storage.exclusively(() -> {
            refresh();
            return memory.writeBatch(tx -> commit(tx, work, true));
        });
    }

    @Override
    public synchronized Checkpoint bumpCheckpoint() {
        return storage.exclusively(() -> {
            refresh();
            return memory.writeBatch(tx -> {
                persist(new LinkedHashMap<>(), tx.currentCheckpoint() + 1);
                return new Checkpoint(tx.currentCheckpoint() + 1, memory.created(), memory.sourceId());
            });
        });
    }

    @Override
    public void close() {
        memory.close();
    }

    /** Removes every key of this store from the storage (tests clean up with it). */
    public void destroy() {
        for (String key : storage.keys(prefix)) {
            storage.remove(key);
        }
    }

    /** Runs the work, then writes what it touched; a failed write rolls the memory back (the caller's undo). */
    private <T> T commit(StoreTransaction tx, Work<T> work, boolean bump) {
        Tracking tracking = new Tracking(tx);
        T result = work.run(tracking);
        Map<String, String> writes = new LinkedHashMap<>();
        for (Map.Entry<String, ModelDefinition> e : tracking.records.entrySet()) {
            String id = e.getKey().substring(recordPrefix(e.getValue()).length());
            Map<String, Object> r = tx.findById(e.getValue(), id);
            writes.put(e.getKey(), r == null ? null : Json.write(r));
        }
        for (Map.Entry<String, ModelDefinition> e : tracking.changes.entrySet()) {
            String id = e.getKey().substring(changePrefix(e.getValue()).length());
            Change c = tx.findChange(e.getValue(), id);
            writes.put(e.getKey(), c == null ? null : Json.write(ChangeRows.write(c)));
        }
        for (Map.Entry<String, String> e : tracking.meta.entrySet()) {
            writes.put(prefix + "meta:" + e.getKey(), e.getValue());
        }
        if (!writes.isEmpty() || bump) {
            persist(writes, bump ? tx.currentCheckpoint() + 1 : -1);
        }
        return result;
    }

    /**
     * Writes a journal, then the keys, then drops the journal. {@code seq} < 0 leaves the checkpoint. Once the
     * journal is written the commit is durable: a key that then fails to be written stays in the journal,
     * which the next commit (or the next open) applies first.
     */
    private void persist(Map<String, String> writes, long seq) {
        if (seq >= 0) {
            Map<String, Object> cp = new LinkedHashMap<>();
            cp.put("seq", seq);
            cp.put("time", memory.created());
            cp.put("sourceId", memory.sourceId());
            writes.put(prefix + "checkpoint", Json.write(cp));
        }
        String version = UUID.randomUUID().toString();
        writes.put(prefix + "version", version);
        try {
            replayJournal(storage, prefix);
            storage.put(prefix + "journal", Json.write(new LinkedHashMap<String, Object>(writes)));
        } catch (RuntimeException e) {
            throw storageFull(e); // nothing of this commit is on disk: the memory rolls back with it
        }
        loadedVersion = version; // this store's own commit: its memory is already up to date
        try {
            apply(storage, writes);
            storage.remove(prefix + "journal");
        } catch (RuntimeException e) {
            // durable in the journal; applied by the next commit or the next open
        }
    }

    private static SyncException storageFull(RuntimeException cause) {
        SyncException e = new SyncException(507, "Error", "STORAGE_FULL", "The browser's storage is full: the "
                + "change was not saved. Free some space (or delete data) and try again.", null);
        e.initCause(cause);
        return e;
    }

    private static void apply(KeyValues storage, Map<String, ?> writes) {
        for (Map.Entry<String, ?> w : writes.entrySet()) {
            if (w.getValue() == null) {
                storage.remove(w.getKey());
            } else {
                storage.put(w.getKey(), (String) w.getValue());
            }
        }
    }

    /** Finishes a commit that was cut off after its journal was written. */
    private static void replayJournal(KeyValues storage, String prefix) {
        Map<String, Object> journal = object(storage.get(prefix + "journal"));
        if (journal != null) {
            apply(storage, journal);
            storage.remove(prefix + "journal");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return json == null ? null : (Map<String, Object>) Json.parse(json);
    }

    private String recordPrefix(ModelDefinition m) {
        return prefix + "r:" + m.name() + ":";
    }

    private String changePrefix(ModelDefinition m) {
        return prefix + "c:" + m.name() + ":";
    }

    /** Passes every call to the memory transaction and notes the keys each write touches. */
    private final class Tracking extends ForwardingTransaction {
        final Map<String, ModelDefinition> records = new LinkedHashMap<>();
        final Map<String, ModelDefinition> changes = new LinkedHashMap<>();
        final Map<String, String> meta = new LinkedHashMap<>();

        Tracking(StoreTransaction tx) {
            super(tx);
        }

        @Override
        public void insert(ModelDefinition model, Map<String, Object> record) {
            super.insert(model, record);
            records.put(recordPrefix(model) + record.get(model.idName()), model);
        }

        @Override
        public void update(ModelDefinition model, Map<String, Object> record) {
            super.update(model, record);
            records.put(recordPrefix(model) + record.get(model.idName()), model);
        }

        @Override
        public boolean delete(ModelDefinition model, String id) {
            records.put(recordPrefix(model) + id, model);
            return super.delete(model, id);
        }

        @Override
        public void saveChange(ModelDefinition model, Change change) {
            super.saveChange(model, change);
            changes.put(changePrefix(model) + change.modelId(), model);
        }

        @Override
        public void removeChange(ModelDefinition model, String modelId) {
            super.removeChange(model, modelId);
            changes.put(changePrefix(model) + modelId, model);
        }

        @Override
        public void putMeta(String key, String value) {
            super.putMeta(key, value);
            meta.put(key, value);
        }
    }
}
