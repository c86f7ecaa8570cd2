package dev.isosync.browserclient.store;

import dev.isosync.change.Change;
import dev.isosync.memory.RecordOrder;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.teavm.jso.JSObject;

/**
 * The store SPI inside one IndexedDB transaction. Filters are evaluated in Java over the records, as the memory
 * store does, since IndexedDB has no query language.
 *
 * <p>Every wait on a request is a trip through the browser's event loop, which costs far more than the request,
 * so this class waits as little as it can: writes are issued without waiting (see {@link Idb}); reads of many
 * keys wait once ({@link Idb#getMany}); and what this transaction has read or written of a record, a change row
 * or the checkpoint is remembered until it ends. The memory is exact, not a guess: the transaction's scope
 * covers every object store, so while it runs no other transaction writes any of them.
 */
final class IdbTransaction implements StoreTransaction {
    /** Remembers that a key has no value, apart from a key never looked up. */
    private static final Object ABSENT = new Object();

    private final JSObject tx;
    private long checkpoint = -1;
    /** Per model name, stored records as IndexedDB gave or took them (JS objects), or ABSENT. */
    private final Map<String, Map<String, Object>> records = new HashMap<>();
    /** Per model name, change rows, or ABSENT. */
    private final Map<String, Map<String, Object>> changeRows = new HashMap<>();

    IdbTransaction(JSObject tx) {
        this.tx = tx;
    }

    private JSObject store(String name) {
        return Idb.store(tx, name);
    }

    private JSObject recordStore(ModelDefinition model) {
        return store(IndexedDbStore.recordStore(model));
    }

    private JSObject changeStore(ModelDefinition model) {
        return store(IndexedDbStore.changeStore(model));
    }

    private Map<String, Object> known(Map<String, Map<String, Object>> cache, ModelDefinition model) {
        return cache.computeIfAbsent(model.name(), k -> new HashMap<>());
    }

    /** Moves the counter on in {@code tx} (which must cover the checkpoint store) and returns the new value. */
    static long bump(JSObject tx) {
        JSObject store = Idb.store(tx, IndexedDbStore.CHECKPOINT_STORE);
        Map<String, Object> row = JsValues.toMap(Idb.await(Idb.get(store, IndexedDbStore.CHECKPOINT_KEY)));
        long next = ((Number) row.get("seq")).longValue() + 1;
        row.put("seq", (double) next);
        Idb.put(store, JsValues.toJs(row));
        return next;
    }

    @Override
    public long currentCheckpoint() {
        if (checkpoint < 0) {
            JSObject row = Idb.await(Idb.get(store(IndexedDbStore.CHECKPOINT_STORE), IndexedDbStore.CHECKPOINT_KEY));
            checkpoint = ((Number) JsValues.toMap(row).get("seq")).longValue();
        }
        return checkpoint;
    }

    /** Loads into the memory whatever of {@code ids} it lacks, with one wait. */
    private void load(Map<String, Object> cache, JSObject store, Collection<String> ids) {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!cache.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        JSObject values = Idb.getMany(store, missing.toArray(new String[0]));
        for (int i = 0; i < missing.size(); i++) {
            JSObject value = Idb.at(values, i);
            cache.put(missing.get(i), value == null ? ABSENT : value);
        }
    }

    @Override
    public void prefetch(ModelDefinition model, Collection<String> ids) {
        load(known(records, model), recordStore(model), ids);
        load(known(changeRows, model), changeStore(model), ids);
    }

    @Override
    public Map<String, Object> findById(ModelDefinition model, String id) {
        Map<String, Object> cache = known(records, model);
        load(cache, recordStore(model), java.util.Collections.singletonList(id));
        Object value = cache.get(id);
        return value == ABSENT ? null : JsValues.toRecord(model, (JSObject) value);
    }

    @Override
    public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
        Map<String, Object> cache = known(records, model);
        TreeSet<String> sorted = new TreeSet<>(ids);
        load(cache, recordStore(model), sorted);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : sorted) {
            Object value = cache.get(id);
            if (value != ABSENT) {
                out.add(JsValues.toRecord(model, (JSObject) value));
            }
        }
        return out;
    }

    private List<Map<String, Object>> all(ModelDefinition model) {
        JSObject array = Idb.await(Idb.getAll(recordStore(model)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0, n = Idb.length(array); i < n; i++) {
            out.add(JsValues.toRecord(model, Idb.at(array, i)));
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> find(ModelDefinition model, Filter filter) {
        // getAll returns records in key order, which is the id order of the other stores
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> r : all(model)) {
            if (filter.where().matches(r)) {
                matching.add(r);
            }
        }
        if (!filter.order().isEmpty()) {
            matching.sort(RecordOrder.of(filter.order()));
        }
        return filter.page(matching);
    }

    @Override
    public long count(ModelDefinition model, Where where) {
        long n = 0;
        for (Map<String, Object> r : all(model)) {
            if (where.matches(r)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void insert(ModelDefinition model, Map<String, Object> record) {
        put(model, record);
    }

    @Override
    public void update(ModelDefinition model, Map<String, Object> record) {
        put(model, record);
    }

    private void put(ModelDefinition model, Map<String, Object> record) {
        JSObject value = JsValues.toJs(record);
        Idb.put(recordStore(model), value);
        known(records, model).put((String) record.get(model.idName()), value);
    }

    @Override
    public boolean delete(ModelDefinition model, String id) {
        Map<String, Object> cache = known(records, model);
        load(cache, recordStore(model), java.util.Collections.singletonList(id));
        if (cache.get(id) == ABSENT) {
            return false;
        }
        Idb.delete(recordStore(model), id);
        known(records, model).put(id, ABSENT);
        return true;
    }

    @Override
    public Change findChange(ModelDefinition model, String modelId) {
        // IndexedDB locks by transaction scope: a readwrite transaction over this store already excludes
        // every other writer until it ends, which is the lock the compare-and-swap needs (PROTOCOL.md 9.5.2)
        Map<String, Object> cache = known(changeRows, model);
        load(cache, changeStore(model), java.util.Collections.singletonList(modelId));
        return change(cache.get(modelId));
    }

    /** Change rows are kept as Change values once read: they are immutable. */
    private static Change change(Object value) {
        if (value == ABSENT) {
            return null;
        }
        return value instanceof Change ? (Change) value : JsValues.toChange((JSObject) value);
    }

    @Override
    public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
        Map<String, Object> cache = known(changeRows, model);
        TreeSet<String> sorted = new TreeSet<>(modelIds);
        load(cache, changeStore(model), sorted);
        List<Change> out = new ArrayList<>();
        for (String id : sorted) {
            Change c = change(cache.get(id));
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public void saveChange(ModelDefinition model, Change change) {
        Idb.put(changeStore(model), JsValues.changeToJs(change));
        known(changeRows, model).put(change.modelId(), change);
    }

    @Override
    public void removeChange(ModelDefinition model, String modelId) {
        Idb.delete(changeStore(model), modelId);
        known(changeRows, model).put(modelId, ABSENT);
    }

    @Override
    public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
        boolean resume = after != null && after.checkpoint() >= since;
        long low = resume ? after.checkpoint() : since;
        if (low >= before) {
            return new ArrayList<>(); // an empty key range would make IndexedDB throw DataError
        }
        // "" is the least string key, so [since, ""] starts at the first row of checkpoint since
        JSObject array = Idb.await(Idb.getAllInIndex(changeStore(model), IndexedDbStore.CHANGE_ORDER_INDEX, low,
                resume ? after.modelId() : "", resume, before, limit));
        List<Change> out = new ArrayList<>();
        for (int i = 0, n = Idb.length(array); i < n; i++) {
            out.add(JsValues.toChange(Idb.at(array, i)));
        }
        return out;
    }

    @Override
    public long countChanges(ModelDefinition model) {
        return (long) Idb.asNumber(Idb.await(Idb.count(changeStore(model))));
    }

    @Override
    public String getMeta(String key) {
        JSObject row = Idb.await(Idb.get(store(IndexedDbStore.META_STORE), key));
        return row == null ? null : (String) JsValues.toMap(row).get("value");
    }

    @Override
    public void putMeta(String key, String value) {
        JSObject store = store(IndexedDbStore.META_STORE);
        if (value == null) {
            Idb.delete(store, key);
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("value", value);
        Idb.put(store, JsValues.toJs(row));
    }
}
