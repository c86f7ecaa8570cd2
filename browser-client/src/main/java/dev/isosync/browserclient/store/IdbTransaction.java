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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.teavm.jso.JSObject;

/**
 * The store SPI inside one IndexedDB transaction, over each model's entries ({@link IdbEntry}) and change log
 * ({@link ChangeLog}). Filters are evaluated in Java over the records, as the memory store does, since IndexedDB
 * has no query language.
 *
 * <p>Every wait on a request is a trip through the browser's event loop, which costs far more than the request,
 * so this class waits as little as it can: reads of many keys wait once ({@link Idb#getMany}); what this
 * transaction has read or written of an entry ({@link EntryMemory}) or the checkpoint is remembered until it ends;
 * and writes change the remembered entries, which are put without waiting, a few hundred at a time as the
 * transaction goes and the rest when it flushes (an entry changed again after it was put is put again), with one log
 * object per checkpoint written. The memory is exact, not a guess: the transaction's scope covers every object
 * store, so while it runs no other transaction writes any of them.
 */
final class IdbTransaction implements StoreTransaction {
    /** The checkpoint row's member that holds each model's count of log pairs. */
    private static final String LOG_PAIRS = "logPairs";
    /** How many changed entries wait before they are put: a batch's entries go to the browser as it is applied. */
    private static final int PUT_AHEAD = 200;

    private final JSObject tx;
    private long checkpoint = -1;
    /** The checkpoint's row as this transaction read or wrote it, or {@code null}. */
    private Map<String, Object> checkpointRow;
    /** Whether the row (its counter or its count of log pairs) changed since the last flush. */
    private boolean checkpointRowChanged;
    /** Per model name, what this transaction knows of its entries and what it changed, in insertion order. */
    private final Map<String, EntryMemory> memories = new LinkedHashMap<>();

    IdbTransaction(JSObject tx) {
        this.tx = tx;
    }

    private JSObject store(String name) {
        return Idb.store(tx, name);
    }

    private JSObject entryStore(ModelDefinition model) {
        return store(IndexedDbStore.entryStore(model));
    }

    private EntryMemory memory(ModelDefinition model) {
        EntryMemory memory = memories.get(model.name());
        if (memory == null) {
            memory = new EntryMemory();
            memories.put(model.name(), memory);
        }
        return memory;
    }

    /**
     * Moves the counter on (the transaction must cover the checkpoint store) and returns the new value; the row is
     * put at the next flush, once with whatever else of it changed. A batch has read the counter already, to stamp
     * its change rows: that reading is used, saving a wait.
     */
    long bump() {
        Map<String, Object> row = checkpointRow();
        checkpoint = ((Number) row.get("seq")).longValue() + 1;
        row.put("seq", (double) checkpoint);
        checkpointRowChanged = true;
        return checkpoint;
    }

    @Override
    public long currentCheckpoint() {
        if (checkpoint < 0) {
            checkpoint = ((Number) checkpointRow().get("seq")).longValue();
        }
        return checkpoint;
    }

    /** The checkpoint's row, read once per transaction. */
    private Map<String, Object> checkpointRow() {
        if (checkpointRow == null) {
            checkpointRow = JsValues.toMap(Idb.await(Idb.get(store(IndexedDbStore.CHECKPOINT_STORE),
                    IndexedDbStore.CHECKPOINT_KEY)));
        }
        return checkpointRow;
    }

    /** Loads into the memory whatever entries of {@code ids} it lacks, with one wait. */
    private void load(ModelDefinition model, Collection<String> ids) {
        EntryMemory memory = memory(model);
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!memory.knows(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        JSObject values = Idb.getMany(entryStore(model), missing.toArray(new String[0]));
        for (int i = 0; i < missing.size(); i++) {
            memory.remember(missing.get(i), Idb.at(values, i));
        }
    }

    /** The model's memory, holding the entry of {@code id} (or its absence), read when it did not. */
    private EntryMemory loaded(ModelDefinition model, String id) {
        EntryMemory memory = memory(model);
        if (!memory.knows(id)) {
            load(model, Collections.singletonList(id));
        }
        return memory;
    }

    /** The stored entry of {@code id}, or {@code null}. */
    private JSObject entry(ModelDefinition model, String id) {
        return loaded(model, id).entry(id);
    }

    /**
     * The entry of {@code id} to change, a new one when there is none; it is put at the next flush, or before, once
     * {@value #PUT_AHEAD} other entries wait to be put.
     */
    private JSObject entryToChange(ModelDefinition model, String id) {
        EntryMemory memory = loaded(model, id);
        if (memory.waiting(id, PUT_AHEAD)) {
            putEntries();
        }
        return memory.toChange(id);
    }

    /**
     * Puts every entry changed since the last flush (deleting those left empty) and appends the change log. Runs
     * before every read that IndexedDB answers from more than the entries remembered, and before the commit.
     */
    void flush() {
        putEntries();
        for (Map.Entry<String, EntryMemory> model : memories.entrySet()) {
            JSObject log = store(IndexedDbStore.logStore(model.getKey()));
            int added = ChangeLog.append(log, model.getValue().takeUnlogged());
            if (added > 0) {
                countLogPairs(model.getKey(), added);
            }
        }
        if (checkpointRowChanged) {
            Idb.put(store(IndexedDbStore.CHECKPOINT_STORE), JsValues.toJs(checkpointRow));
            checkpointRowChanged = false;
        }
    }

    /**
     * Puts the entries changed since they were last put, deleting those left empty. Put without waiting, as they
     * come, they are stored by the browser while this transaction goes on computing the next ones: put all at its
     * end, they were stored only after it, while the page waited for the commit.
     */
    private void putEntries() {
        for (Map.Entry<String, EntryMemory> model : memories.entrySet()) {
            model.getValue().putChanged(store(IndexedDbStore.entryStore(model.getKey())));
        }
    }

    /**
     * Adds {@code added} to the model's count of log pairs, kept in the checkpoint's row: every transaction that
     * appends to the log has read that row already, to stamp its change rows, so keeping the count costs no wait,
     * and the count is exact, as transactions over the row run one at a time. A store whose count was never taken
     * is left without one: opening it counts the log once ({@link #compactLog}).
     */
    private void countLogPairs(String modelName, int added) {
        Map<String, Object> counts = logPairCounts();
        Object known = counts.get(modelName);
        if (known instanceof Number) {
            counts.put(modelName, ((Number) known).doubleValue() + added);
            checkpointRowChanged = true;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> logPairCounts() {
        Map<String, Object> row = checkpointRow();
        Object counts = row.get(LOG_PAIRS);
        if (!(counts instanceof Map)) {
            counts = new LinkedHashMap<String, Object>();
            row.put(LOG_PAIRS, counts);
        }
        return (Map<String, Object>) counts;
    }

    /**
     * Rebuilds the model's change log from its entries when its pairs number more than twice the entries (and over
     * a thousand), or when it is empty beside entries (a database just moved from the earlier layout): afterwards it
     * holds exactly one pair per change row. The pairs are the running count kept with the checkpoint
     * ({@link #countLogPairs}), so opening the store reads two counts and one row; only a store written before the
     * count was kept has its log read whole (about 0.1 s for 100,000 pairs), once, to start the count.
     */
    void compactLog(ModelDefinition model) {
        JSObject log = store(IndexedDbStore.logStore(model.name()));
        double objects = Idb.asNumber(Idb.await(Idb.count(log)));
        double entries = Idb.asNumber(Idb.await(Idb.count(entryStore(model))));
        Map<String, Object> counts = logPairCounts();
        Object known = counts.get(model.name());
        double pairs = known instanceof Number ? ((Number) known).doubleValue()
                : ChangeLog.pairs(Idb.await(Idb.getAll(log)));
        if (objects == 0 && entries > 0 || pairs > 2 * entries + 1000) {
            Idb.clear(log);
            pairs = ChangeLog.rebuild(log, Idb.await(Idb.getAll(entryStore(model))));
        }
        if (!(known instanceof Number) || ((Number) known).doubleValue() != pairs) {
            counts.put(model.name(), pairs);
            checkpointRowChanged = true;
        }
    }

    @Override
    public void prefetch(ModelDefinition model, Collection<String> ids) {
        load(model, ids);
    }

    @Override
    public Map<String, Object> findById(ModelDefinition model, String id) {
        JSObject entry = entry(model, id);
        return entry == null || !IdbEntry.hasRecord(entry) ? null : JsValues.toRecord(model, IdbEntry.record(entry));
    }

    @Override
    public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
        Set<String> each = new TreeSet<>(ids);
        load(model, each);
        EntryMemory memory = memory(model);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : each) {
            JSObject entry = memory.entry(id);
            if (entry != null && IdbEntry.hasRecord(entry)) {
                out.add(JsValues.toRecord(model, IdbEntry.record(entry)));
            }
        }
        return out;
    }

    private List<Map<String, Object>> all(ModelDefinition model) {
        flush();
        JSObject array = Idb.await(Idb.getAll(entryStore(model)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0, n = Idb.length(array); i < n; i++) {
            JSObject entry = Idb.at(array, i);
            if (IdbEntry.hasRecord(entry)) {
                out.add(JsValues.toRecord(model, IdbEntry.record(entry)));
            }
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> find(ModelDefinition model, Filter filter) {
        // getAll returns entries in key order, which is the id order of the other stores
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
        IdbEntry.setRecord(entryToChange(model, (String) record.get(model.idName())), JsValues.toJs(record));
    }

    @Override
    public boolean delete(ModelDefinition model, String id) {
        JSObject entry = entry(model, id);
        if (entry == null || !IdbEntry.hasRecord(entry)) {
            return false;
        }
        IdbEntry.removeRecord(entryToChange(model, id));
        return true;
    }

    @Override
    public Change findChange(ModelDefinition model, String modelId) {
        // IndexedDB locks by transaction scope: a readwrite transaction over this store already excludes
        // every other writer until it ends, which is the lock the compare-and-swap needs (PROTOCOL.md 9.5.2)
        JSObject entry = entry(model, modelId);
        return entry == null ? null : IdbEntry.change(model, entry, modelId);
    }

    @Override
    public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
        Set<String> each = new LinkedHashSet<>(modelIds);
        load(model, each);
        EntryMemory memory = memory(model);
        List<Change> out = new ArrayList<>();
        for (String id : each) {
            JSObject entry = memory.entry(id);
            Change c = entry == null ? null : IdbEntry.change(model, entry, id);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public void saveChange(ModelDefinition model, Change change) {
        IdbEntry.setChange(entryToChange(model, change.modelId()), change);
        if (change.checkpoint() != null) {
            // a row without a checkpoint is in no page of changes(), as LoopBack's are not (PROTOCOL.md 9.4.2)
            memory(model).logged(change.checkpoint(), change.modelId());
        }
    }

    @Override
    public void removeChange(ModelDefinition model, String modelId) {
        JSObject entry = entry(model, modelId);
        if (entry != null && IdbEntry.hasChange(entry)) {
            IdbEntry.removeChange(entryToChange(model, modelId));
        }
    }

    @Override
    public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
        boolean resume = after != null && after.checkpoint() >= since;
        long low = resume ? after.checkpoint() : since;
        if (low >= before) {
            return new ArrayList<>(); // an empty key range would make IndexedDB throw DataError
        }
        flush();
        JSObject logs = Idb.await(Idb.getAllInIndex(store(IndexedDbStore.logStore(model.name())),
                ChangeLog.CHECKPOINT_INDEX, low, before));
        JSObject candidates = ChangeLog.candidates(logs, low, resume ? after.modelId() : "", resume);
        List<Change> out = new ArrayList<>();
        int n = ChangeLog.size(candidates);
        // a candidate counts while its entry's change row still has the candidate's checkpoint; the entries are
        // read a page at a time, as most candidates are usually live
        for (int start = 0; start < n && out.size() < limit; start += limit) {
            int end = Math.min(n, start + limit);
            List<String> ids = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                ids.add(ChangeLog.idAt(candidates, i));
            }
            load(model, ids);
            EntryMemory memory = memory(model);
            for (int i = start; i < end && out.size() < limit; i++) {
                JSObject entry = memory.entry(ids.get(i - start));
                if (entry != null && IdbEntry.checkpoint(entry) == ChangeLog.checkpointAt(candidates, i)) {
                    out.add(IdbEntry.change(model, entry, ids.get(i - start)));
                }
            }
        }
        return out;
    }

    @Override
    public long countChanges(ModelDefinition model) {
        flush();
        JSObject array = Idb.await(Idb.getAll(entryStore(model)));
        long n = 0;
        for (int i = 0, size = Idb.length(array); i < size; i++) {
            if (IdbEntry.hasChange(Idb.at(array, i))) {
                n++;
            }
        }
        return n;
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
