package dev.isosync.store;

import dev.isosync.change.Change;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a store offers inside one transaction. Records are complete (every declared property present);
 * the store never validates or hashes, the replica does.
 */
public interface StoreTransaction {
    /**
     * The store's current checkpoint. In a write transaction it is read under the lock that
     * {@link Store#bumpCheckpoint()} waits for, so changes stamped with it cannot fall behind a bump.
     */
    long currentCheckpoint();

    /** The record with that id, or {@code null}. */
    Map<String, Object> findById(ModelDefinition model, String id);

    /** The records with those ids that exist, in any order. */
    List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids);

    /** The records matching a filter, honouring its order, skip, limit (fields are applied by the caller). */
    List<Map<String, Object>> find(ModelDefinition model, Filter filter);

    /** How many records match {@code where} ({@link Where#ALL} for all). */
    long count(ModelDefinition model, Where where);

    /** Inserts a new record; the caller has checked that the id is free. */
    void insert(ModelDefinition model, Map<String, Object> record);

    /** Replaces the stored record with the same id. */
    void update(ModelDefinition model, Map<String, Object> record);

    /** Deletes the record; returns whether there was one. */
    boolean delete(ModelDefinition model, String id);

    /**
     * The change row of an instance, or {@code null}. In a write transaction the row is locked until the
     * transaction ends, so a compare-and-swap on it is atomic (PROTOCOL.md 9.5.2).
     */
    Change findChange(ModelDefinition model, String modelId);

    /** The change rows of those instances that have one, in any order. */
    List<Change> findChanges(ModelDefinition model, Collection<String> modelIds);

    /** Inserts or replaces the change row of {@code change.modelId()}. */
    void saveChange(ModelDefinition model, Change change);

    /** Removes the change row of an instance, if any. */
    void removeChange(ModelDefinition model, String modelId);

    /**
     * A page of change rows with {@code since <= checkpoint < before}, ordered by (checkpoint, modelId),
     * strictly after the cursor when one is given.
     *
     * @param after the last row of the previous page, or {@code null} for the first page
     * @param limit the most rows to return, at least 1
     */
    List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit);

    /**
     * {@link #changes} restricted to the rows of one owner ({@link Change#owner()}, PROTOCOL.md 9.7): a page of
     * up to {@code limit} of that owner's rows after the cursor. The default pages through {@link #changes} and
     * keeps the owner's rows, which is right for every store; a store that can filter by owner itself (an SQL
     * index) should.
     */
    default List<Change> ownedChanges(ModelDefinition model, String owner, long since, long before, ChangeCursor after,
            int limit) {
        List<Change> out = new ArrayList<>();
        ChangeCursor cursor = after;
        while (out.size() < limit) {
            List<Change> rows = changes(model, since, before, cursor, limit);
            for (Change c : rows) {
                if (owner.equals(c.owner()) && out.size() < limit) {
                    out.add(c);
                }
            }
            if (rows.size() < limit) {
                break;
            }
            cursor = ChangeCursor.after(rows.get(rows.size() - 1));
        }
        return out;
    }

    /** How many change rows the model has, tombstones included. */
    long countChanges(ModelDefinition model);

    /**
     * Says that the work will read the records and change rows of these instances next, so that a store whose
     * every read is a round trip (IndexedDB) can fetch them in one go. Only a hint: reads give the same answers
     * whether or not it was called, and a store may ignore it.
     */
    default void prefetch(ModelDefinition model, Collection<String> ids) {
    }

    /** A value stored under a key of the store's own metadata, or {@code null}. */
    String getMeta(String key);

    /** Stores (or, with {@code null}, removes) a metadata value: replication state lives here. */
    void putMeta(String key, String value);
}
