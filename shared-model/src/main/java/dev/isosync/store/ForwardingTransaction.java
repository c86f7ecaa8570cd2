package dev.isosync.store;

import dev.isosync.change.Change;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A transaction that passes every call to another one: the base of a store that adds to a store's transactions
 * (notes what they write), which overrides only the calls it adds to. Hints and defaults are passed on too, so the
 * store underneath keeps its own ({@link #prefetch}, {@link #ownedChanges}).
 */
public abstract class ForwardingTransaction implements StoreTransaction {
    /** The transaction every call goes to. */
    protected final StoreTransaction delegate;

    protected ForwardingTransaction(StoreTransaction delegate) {
        this.delegate = delegate;
    }

    @Override
    public long currentCheckpoint() {
        return delegate.currentCheckpoint();
    }

    @Override
    public Map<String, Object> findById(ModelDefinition model, String id) {
        return delegate.findById(model, id);
    }

    @Override
    public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
        return delegate.findByIds(model, ids);
    }

    @Override
    public List<Map<String, Object>> find(ModelDefinition model, Filter filter) {
        return delegate.find(model, filter);
    }

    @Override
    public long count(ModelDefinition model, Where where) {
        return delegate.count(model, where);
    }

    @Override
    public void insert(ModelDefinition model, Map<String, Object> record) {
        delegate.insert(model, record);
    }

    @Override
    public void update(ModelDefinition model, Map<String, Object> record) {
        delegate.update(model, record);
    }

    @Override
    public boolean delete(ModelDefinition model, String id) {
        return delegate.delete(model, id);
    }

    @Override
    public Change findChange(ModelDefinition model, String modelId) {
        return delegate.findChange(model, modelId);
    }

    @Override
    public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
        return delegate.findChanges(model, modelIds);
    }

    @Override
    public void saveChange(ModelDefinition model, Change change) {
        delegate.saveChange(model, change);
    }

    @Override
    public void removeChange(ModelDefinition model, String modelId) {
        delegate.removeChange(model, modelId);
    }

    @Override
    public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
        return delegate.changes(model, since, before, after, limit);
    }

    @Override
    public List<Change> ownedChanges(ModelDefinition model, String owner, long since, long before, ChangeCursor after,
            int limit) {
        return delegate.ownedChanges(model, owner, since, before, after, limit);
    }

    @Override
    public long countChanges(ModelDefinition model) {
        return delegate.countChanges(model);
    }

    @Override
    public void prefetch(ModelDefinition model, Collection<String> ids) {
        delegate.prefetch(model, ids);
    }

    @Override
    public String getMeta(String key) {
        return delegate.getMeta(key);
    }

    @Override
    public void putMeta(String key, String value) {
        delegate.putMeta(key, value);
    }
}
