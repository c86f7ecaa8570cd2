package dev.isosync.memory;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A store held in memory, for tests, for the JVM replicator's own state, and as the reference the other
 * stores are held to by the contract suite. Transactions run one at a time; a transaction that throws is
 * rolled back through an undo log, so a failed write leaves nothing behind.
 */
public final class MemoryStore implements Store {
    private static final Comparator<Change> CHANGE_ORDER = (a, b) -> {
        int c = Long.compare(a.checkpointOr(0), b.checkpointOr(0));
        return c != 0 ? c : a.modelId().compareTo(b.modelId());
    };

    private final Object lock = new Object();
    private final String sourceId;
    private final String created;
    private final Map<String, TreeMap<String, Map<String, Object>>> records = new HashMap<>();
    private final Map<String, TreeMap<String, Change>> changes = new HashMap<>();
    private final Map<String, TreeSet<Change>> changeOrder = new HashMap<>();
    private final Map<String, String> meta = new HashMap<>();
    private long seq = 1;

    /** A new empty store with a random source id. */
    public MemoryStore() {
        this(UUID.randomUUID().toString(), "1970-01-01T00:00:00.000Z");
    }

    /**
     * A new empty store.
     *
     * @param sourceId the store's identity
     * @param created  the ISO time reported as the checkpoint's {@code time}
     */
    public MemoryStore(String sourceId, String created) {
        this(sourceId, created, 1);
    }

    /**
     * A store whose checkpoint starts at {@code seq}: a store loaded from elsewhere (a key-value store) keeps
     * its counter.
     */
    public MemoryStore(String sourceId, String created, long seq) {
        this.sourceId = sourceId;
        this.created = created;
        this.seq = seq;
    }

    /** The ISO time reported as the checkpoint's {@code time}. */
    public String created() {
        return created;
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public <T> T read(Work<T> work) {
        return write(work);
    }

    @Override
    public <T> T write(Work<T> work) {
        synchronized (lock) {
            Tx tx = new Tx();
            try {
                return work.run(tx);
            } catch (RuntimeException | Error e) {
                tx.rollback();
                throw e;
            }
        }
    }

    @Override
    public <T> T writeBatch(Work<T> work) {
        synchronized (lock) {
            Tx tx = new Tx();
            try {
                T result = work.run(tx);
                long old = seq;
                tx.undo.add(() -> seq = old);
                seq++;
                return result;
            } catch (RuntimeException | Error e) {
                tx.rollback();
                throw e;
            }
        }
    }

    @Override
    public Checkpoint bumpCheckpoint() {
        synchronized (lock) {
            seq++;
            return new Checkpoint(seq, created, sourceId);
        }
    }

    @Override
    public void close() {
    }

    private TreeMap<String, Map<String, Object>> table(ModelDefinition model) {
        return records.computeIfAbsent(model.name(), k -> new TreeMap<>());
    }

    private TreeMap<String, Change> changeTable(ModelDefinition model) {
        return changes.computeIfAbsent(model.name(), k -> new TreeMap<>());
    }

    private TreeSet<Change> order(ModelDefinition model) {
        return changeOrder.computeIfAbsent(model.name(), k -> new TreeSet<>(CHANGE_ORDER));
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                copy.put(e.getKey(), deepCopy(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object o : (List<Object>) value) {
                copy.add(deepCopy(o));
            }
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> record) {
        return record == null ? null : (Map<String, Object>) deepCopy(record);
    }

    private final class Tx implements StoreTransaction {
        final List<Runnable> undo = new ArrayList<>();

        void rollback() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
        }

        @Override
        public long currentCheckpoint() {
            return seq;
        }

        @Override
        public Map<String, Object> findById(ModelDefinition model, String id) {
            return copy(table(model).get(id));
        }

        @Override
        public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
            List<Map<String, Object>> out = new ArrayList<>();
            TreeMap<String, Map<String, Object>> t = table(model);
            for (String id : new TreeSet<>(ids)) {
                Map<String, Object> r = t.get(id);
                if (r != null) {
                    out.add(copy(r));
                }
            }
            return out;
        }

        @Override
        public List<Map<String, Object>> find(ModelDefinition model, Filter filter) {
            List<Map<String, Object>> matching = new ArrayList<>();
            for (Map<String, Object> r : table(model).values()) {
                if (filter.where().matches(r)) {
                    matching.add(copy(r));
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
            for (Map<String, Object> r : table(model).values()) {
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
            String id = (String) record.get(model.idName());
            Map<String, Object> old = table(model).put(id, copy(record));
            undo.add(() -> restore(model, id, old));
        }

        private void restore(ModelDefinition model, String id, Map<String, Object> old) {
            if (old == null) {
                table(model).remove(id);
            } else {
                table(model).put(id, old);
            }
        }

        @Override
        public boolean delete(ModelDefinition model, String id) {
            Map<String, Object> old = table(model).remove(id);
            if (old != null) {
                undo.add(() -> table(model).put(id, old));
            }
            return old != null;
        }

        @Override
        public Change findChange(ModelDefinition model, String modelId) {
            return changeTable(model).get(modelId);
        }

        @Override
        public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
            List<Change> out = new ArrayList<>();
            for (String id : new TreeSet<>(modelIds)) {
                Change c = changeTable(model).get(id);
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }

        @Override
        public void saveChange(ModelDefinition model, Change change) {
            Change old = changeTable(model).put(change.modelId(), change);
            if (old != null) {
                order(model).remove(old);
            }
            order(model).add(change);
            undo.add(() -> restoreChange(model, change, old));
        }

        private void restoreChange(ModelDefinition model, Change added, Change old) {
            order(model).remove(added);
            if (old == null) {
                changeTable(model).remove(added.modelId());
            } else {
                changeTable(model).put(old.modelId(), old);
                order(model).add(old);
            }
        }

        @Override
        public void removeChange(ModelDefinition model, String modelId) {
            Change old = changeTable(model).remove(modelId);
            if (old != null) {
                order(model).remove(old);
                undo.add(() -> {
                    changeTable(model).put(modelId, old);
                    order(model).add(old);
                });
            }
        }

        @Override
        public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
            Change from;
            boolean inclusive;
            if (after != null && after.checkpoint() >= since) {
                from = Change.of(null, after.modelId(), null, after.checkpoint());
                inclusive = false;
            } else {
                from = Change.of(null, "", null, since);
                inclusive = true;
            }
            List<Change> out = new ArrayList<>();
            for (Change c : order(model).tailSet(from, inclusive)) {
                if (c.checkpointOr(0) >= before || out.size() >= limit) {
                    break;
                }
                if (c.checkpointOr(0) >= since) {
                    out.add(c);
                }
            }
            return out;
        }

        @Override
        public long countChanges(ModelDefinition model) {
            return changeTable(model).size();
        }

        @Override
        public String getMeta(String key) {
            return meta.get(key);
        }

        @Override
        public void putMeta(String key, String value) {
            String old = value == null ? meta.remove(key) : meta.put(key, value);
            undo.add(() -> {
                if (old == null) {
                    meta.remove(key);
                } else {
                    meta.put(key, old);
                }
            });
        }
    }
}
