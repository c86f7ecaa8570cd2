package dev.isosync.store;

import dev.isosync.change.Checkpoint;
import dev.isosync.model.ModelDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store that tells its listeners of every write it commits: once a write transaction has ended well, each record
 * it inserted, updated or deleted, as the transaction left it. A view of the data (an app's list) keeps itself up to
 * date with it, where it would read every record again after each write or pulled batch. Reads pass through; a
 * transaction that fails tells nothing, as it wrote nothing. Writes made by another handle on the same data (another
 * tab, another process) are not seen.
 */
public final class ObservedStore implements Store {
    /** Told of the records one committed transaction wrote. */
    public interface Listener {
        /**
         * Called on the writer's thread, after the commit; must not throw, as the write is done.
         *
         * @param model   the model of the records
         * @param records by id, in the order first written, each record as the transaction left it (the map the
         *                transaction wrote: not to be changed), {@code null} for one it deleted
         */
        void written(ModelDefinition model, Map<String, Map<String, Object>> records);
    }

    private final Store store;
    private final List<Listener> listeners = new ArrayList<>();

    /** Observes the writes made through this object to {@code store}. */
    public ObservedStore(Store store) {
        this.store = store;
    }

    /** Adds a listener, told of every write committed from now on. */
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public String sourceId() {
        return store.sourceId();
    }

    @Override
    public <T> T read(Work<T> work) {
        return store.read(work);
    }

    @Override
    public <T> T write(Work<T> work) {
        return observed(work, false);
    }

    @Override
    public <T> T writeBatch(Work<T> work) {
        return observed(work, true);
    }

    @Override
    public Checkpoint bumpCheckpoint() {
        return store.bumpCheckpoint();
    }

    @Override
    public void close() {
        store.close();
    }

    private <T> T observed(Work<T> work, boolean batch) {
        // a store may run the work again (a retried transaction): the notes of the run that committed count
        Noting[] last = {null};
        Work<T> noted = tx -> {
            last[0] = new Noting(tx);
            return work.run(last[0]);
        };
        T result = batch ? store.writeBatch(noted) : store.write(noted);
        if (last[0] != null) {
            for (Written w : last[0].written.values()) {
                for (Listener listener : listeners) {
                    listener.written(w.model, w.records);
                }
            }
        }
        return result;
    }

    /** One model's records written by a transaction. */
    private static final class Written {
        final ModelDefinition model;
        final Map<String, Map<String, Object>> records = new LinkedHashMap<>();

        Written(ModelDefinition model) {
            this.model = model;
        }
    }

    /** Passes every call on and notes the records written, by model. */
    private static final class Noting extends ForwardingTransaction {
        final Map<String, Written> written = new LinkedHashMap<>();

        Noting(StoreTransaction tx) {
            super(tx);
        }

        private Map<String, Map<String, Object>> of(ModelDefinition model) {
            Written w = written.get(model.name());
            if (w == null) {
                w = new Written(model);
                written.put(model.name(), w);
            }
            return w.records;
        }

        @Override
        public void insert(ModelDefinition model, Map<String, Object> record) {
            super.insert(model, record);
            of(model).put((String) record.get(model.idName()), record);
        }

        @Override
        public void update(ModelDefinition model, Map<String, Object> record) {
            super.update(model, record);
            of(model).put((String) record.get(model.idName()), record);
        }

        @Override
        public boolean delete(ModelDefinition model, String id) {
            boolean deleted = super.delete(model, id);
            if (deleted) {
                of(model).put(id, null);
            }
            return deleted;
        }
    }
}
