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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.teavm.jso.JSObject;

/**
 * The store SPI inside one IndexedDB transaction. Each call issues requests of that transaction and waits for
 * each one before the next (see {@link Idb}); filters are evaluated in Java over the records, as the memory
 * store does, since IndexedDB has no query language.
 */
final class IdbTransaction implements StoreTransaction {
    private final JSObject tx;

    IdbTransaction(JSObject tx) {
        this.tx = tx;
    }

    private JSObject store(String name) {
        return Idb.store(tx, name);
    }

    private JSObject records(ModelDefinition model) {
        return store(IndexedDbStore.recordStore(model));
    }

    private JSObject changeRows(ModelDefinition model) {
        return store(IndexedDbStore.changeStore(model));
    }

    /** Moves the counter on in {@code tx} (which must cover the checkpoint store) and returns the new value. */
    static long bump(JSObject tx) {
        JSObject store = Idb.store(tx, IndexedDbStore.CHECKPOINT_STORE);
        Map<String, Object> row = JsValues.toMap(Idb.await(Idb.get(store, IndexedDbStore.CHECKPOINT_KEY)));
        long next = ((Number) row.get("seq")).longValue() + 1;
        row.put("seq", (double) next);
        Idb.await(Idb.put(store, JsValues.toJs(row)));
        return next;
    }

    @Override
    public long currentCheckpoint() {
        JSObject row = Idb.await(Idb.get(store(IndexedDbStore.CHECKPOINT_STORE), IndexedDbStore.CHECKPOINT_KEY));
        return ((Number) JsValues.toMap(row).get("seq")).longValue();
    }

    @Override
    public Map<String, Object> findById(ModelDefinition model, String id) {
        JSObject found = Idb.await(Idb.get(records(model), id));
        return found == null ? null : JsValues.toRecord(model, found);
    }

    @Override
    public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : new TreeSet<>(ids)) {
            Map<String, Object> r = findById(model, id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Map<String, Object>> all(ModelDefinition model) {
        JSObject array = Idb.await(Idb.getAll(records(model)));
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
        int from = Math.min(filter.skip(), matching.size());
        int to = filter.limit() < 0 ? matching.size() : (int) Math.min((long) from + filter.limit(), matching.size());
        return new ArrayList<>(matching.subList(from, to));
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
        Idb.await(Idb.put(records(model), JsValues.toJs(record)));
    }

    @Override
    public void update(ModelDefinition model, Map<String, Object> record) {
        Idb.await(Idb.put(records(model), JsValues.toJs(record)));
    }

    @Override
    public boolean delete(ModelDefinition model, String id) {
        JSObject store = records(model);
        if (Idb.await(Idb.get(store, id)) == null) {
            return false;
        }
        Idb.await(Idb.delete(store, id));
        return true;
    }

    @Override
    public Change findChange(ModelDefinition model, String modelId) {
        // IndexedDB locks by transaction scope: a readwrite transaction over this store already excludes
        // every other writer until it ends, which is the lock the compare-and-swap needs (PROTOCOL.md 9.5.2)
        JSObject row = Idb.await(Idb.get(changeRows(model), modelId));
        return row == null ? null : JsValues.toChange(row);
    }

    @Override
    public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
        List<Change> out = new ArrayList<>();
        for (String id : new TreeSet<>(modelIds)) {
            Change c = findChange(model, id);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public void saveChange(ModelDefinition model, Change change) {
        Idb.await(Idb.put(changeRows(model), JsValues.changeToJs(change)));
    }

    @Override
    public void removeChange(ModelDefinition model, String modelId) {
        Idb.await(Idb.delete(changeRows(model), modelId));
    }

    @Override
    public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
        boolean resume = after != null && after.checkpoint() >= since;
        long low = resume ? after.checkpoint() : since;
        if (low >= before) {
            return new ArrayList<>(); // an empty key range would make IndexedDB throw DataError
        }
        // "" is the least string key, so [since, ""] starts at the first row of checkpoint since
        JSObject array = Idb.await(Idb.getAllInIndex(changeRows(model), IndexedDbStore.CHANGE_ORDER_INDEX, low,
                resume ? after.modelId() : "", resume, before, limit));
        List<Change> out = new ArrayList<>();
        for (int i = 0, n = Idb.length(array); i < n; i++) {
            out.add(JsValues.toChange(Idb.at(array, i)));
        }
        return out;
    }

    @Override
    public long countChanges(ModelDefinition model) {
        return (long) Idb.asNumber(Idb.await(Idb.count(changeRows(model))));
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
            Idb.await(Idb.delete(store, key));
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("value", value);
        Idb.await(Idb.put(store, JsValues.toJs(row)));
    }
}
