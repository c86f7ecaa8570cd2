package dev.isosync.replica;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.change.Checkpoint;
import dev.isosync.change.Rectify;
import dev.isosync.error.SyncException;
import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's replica over a local {@link Store}: the CRUD operations and every replication operation of
 * PROTOCOL.md, written once for every storage. Each write stores the record and rectifies its change row in
 * one transaction (PROTOCOL.md 9.3).
 *
 * <p>For a model with an owner property, {@link #ownedBy(String)} gives the replica as one owner sees it
 * (PROTOCOL.md 9.7): every read, change list, diff, createUpdates, bulkUpdate and change record is limited to
 * that owner's records and tombstones; writes stamp the owner property; an id that belongs to another owner
 * reads as absent, cannot be written, and cannot be taken (a create naming it is refused as a taken id, the one
 * answer that tells such an id exists). A replica made with the constructor is unscoped and sees everything.
 */
public final class LocalReplica implements Replica {
    /** Rows read per store page when a whole change list is needed. */
    private static final int SCAN_PAGE = 1000;

    private final Store store;
    private final ModelDefinition model;
    /** The owner this replica is limited to, or {@code null} for every record. */
    private final String owner;
    /** The owner property as a where term, or {@code null} when unscoped. */
    private final Where ownerWhere;

    /** The model's replica over {@code store}, seeing every record. */
    public LocalReplica(Store store, ModelDefinition model) {
        this(store, model, null);
    }

    private LocalReplica(Store store, ModelDefinition model, String owner) {
        this.store = store;
        this.model = model;
        this.owner = owner;
        this.ownerWhere = owner == null ? Where.ALL
                : Where.equal(model.property(model.ownerName()), owner);
    }

    /**
     * The same replica limited to the records of {@code ownerId} (PROTOCOL.md 9.7).
     *
     * @throws IllegalStateException when the model declares no owner property
     */
    public LocalReplica ownedBy(String ownerId) {
        if (model.ownerName() == null) {
            throw new IllegalStateException("Model " + model.name() + " has no owner property to scope by");
        }
        return new LocalReplica(store, model, java.util.Objects.requireNonNull(ownerId, "ownerId"));
    }

    /** The owner this replica is limited to, or {@code null} when it sees every record. */
    public String owner() {
        return owner;
    }

    /**
     * The owner of an instance as its change row records it (tombstones included), or {@code null} when it has
     * none or the model has no owner property. Not scoped: for the server's own bookkeeping.
     */
    public String ownerOf(String id) {
        Change c = store.read(tx -> tx.findChange(model, id));
        return c == null ? null : c.owner();
    }

    @Override
    public ModelDefinition model() {
        return model;
    }

    /** The store under this replica. */
    public Store store() {
        return store;
    }

    // ---- CRUD -----------------------------------------------------------------------------------------

    /** Creates a record ({@code POST /Todos}); an id that is taken is a 422. Returns it as stored. */
    public Map<String, Object> create(Map<String, Object> data) {
        Map<String, Object> record = model.newRecord(stamped(data));
        return store.write(tx -> {
            String id = (String) record.get(model.idName());
            Map<String, Object> stored = tx.findById(model, id);
            if (stored != null || (owner != null && isForeign(stored, tx.findChange(model, id)))) {
                throw taken(id);
            }
            save(tx, null, record, false);
            return model.visible(record);
        });
    }

    @Override
    public Map<String, Object> findById(String id) {
        Map<String, Object> record = store.read(tx -> tx.findById(model, id));
        return record == null || !isMine(record) ? null : model.visible(record);
    }

    /** The records matching a filter, projected to its fields. */
    public List<Map<String, Object>> find(Filter filter) {
        Filter scoped = owner == null ? filter : filter.withWhere(Where.both(filter.where(), ownerWhere));
        List<Map<String, Object>> records = store.read(tx -> tx.find(model, scoped));
        List<Map<String, Object>> out = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            out.add(filter.project(model.visible(r)));
        }
        return out;
    }

    /** How many records match. */
    public long count(Where where) {
        Where scoped = owner == null ? where : Where.both(where, ownerWhere);
        return store.read(tx -> tx.count(model, scoped));
    }

    @Override
    public Map<String, Object> upsert(Map<String, Object> data) {
        return write(data, false, false);
    }

    /** Replaces a record or creates it ({@code PUT /Todos}). */
    public Map<String, Object> replaceOrCreate(Map<String, Object> data) {
        return write(data, true, false);
    }

    /** Replaces an existing record ({@code PUT /Todos/:id}); 404 when there is none. */
    public Map<String, Object> replaceById(String id, Map<String, Object> data) {
        return writeExisting(id, data, true);
    }

    /** Patches an existing record ({@code PATCH /Todos/:id}); 404 when there is none. */
    public Map<String, Object> patchById(String id, Map<String, Object> data) {
        return writeExisting(id, data, false);
    }

    @Override
    public boolean deleteById(String id) {
        return store.write(tx -> {
            if (owner != null && !isMine(tx.findById(model, id))) {
                return false; // another owner's record, or none: nothing of the caller's to delete
            }
            return remove(tx, id, false);
        });
    }

    /**
     * Takes the other side's version of a record as this side's current state, as pulled data is taken:
     * {@code null} deletes. The revision is an echo and is never pushed back (PROTOCOL.md 9.4.9), and the
     * checkpoint is bumped with it, as with a pulled batch (PROTOCOL.md 9.4.1).
     */
    public void adopt(String id, Map<String, Object> data) {
        store.writeBatch(tx -> {
            Map<String, Object> stored = tx.findById(model, id);
            if (owner != null && isForeign(stored, tx.findChange(model, id))) {
                throw unknownId(id);
            }
            if (data == null) {
                remove(tx, id, true);
            } else {
                save(tx, stored, model.replacement(stored, withId(stamped(data), id)), true);
            }
            return null;
        });
    }

    private Map<String, Object> write(Map<String, Object> data, boolean replace, boolean echo) {
        Object id = data.get(model.idName());
        if (id == null) {
            return create(data);
        }
        checkId(id);
        Map<String, Object> source = stamped(data);
        return store.write(tx -> {
            Map<String, Object> stored = tx.findById(model, (String) id);
            if (owner != null && isForeign(stored, tx.findChange(model, (String) id))) {
                throw taken((String) id); // creating it here is a create naming a taken id (PROTOCOL.md 9.7)
            }
            Map<String, Object> record;
            if (stored == null) {
                record = model.newRecord(source);
            } else {
                record = replace ? model.replacement(stored, source) : model.patched(stored, source);
            }
            save(tx, stored, record, echo);
            return model.visible(record);
        });
    }

    private Map<String, Object> writeExisting(String id, Map<String, Object> data, boolean replace) {
        Map<String, Object> source = stamped(data);
        return store.write(tx -> {
            Map<String, Object> stored = tx.findById(model, id);
            if (stored == null || !isMine(stored)) {
                throw unknownId(id);
            }
            Map<String, Object> record = replace ? model.replacement(stored, withId(source, id))
                    : model.patched(stored, source);
            save(tx, stored, record, false);
            return model.visible(record);
        });
    }

    /** The 404 of LoopBack's remote connector turns into {@code null} (PROTOCOL.md 9.1.3). */
    public SyncException unknownId(String id) {
        return SyncException.notFound("MODEL_NOT_FOUND", "Unknown \"" + model.name() + "\" id " + Json.write(id) + ".");
    }

    private SyncException taken(String id) {
        return ValidationException.of(model.name(), id, Collections.singletonList(new ValidationError(
                model.idName(), "uniqueness", "is not unique", id, true)));
    }

    /**
     * The data with the owner property set to this replica's owner: the server sets it, whatever a client
     * sent (PROTOCOL.md 9.7). Unscoped replicas leave data as it is.
     */
    private Map<String, Object> stamped(Map<String, Object> data) {
        if (owner == null) {
            return data;
        }
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put(model.ownerName(), owner);
        return copy;
    }

    /** Whether a stored record may be seen by this replica ({@code null} is nobody's). */
    private boolean isMine(Map<String, Object> record) {
        return record != null && (owner == null || owner.equals(record.get(model.ownerName())));
    }

    private boolean isMine(Change change) {
        return owner == null || owner.equals(change.owner());
    }

    /** Whether an id belongs to another owner: its record or its change row (a tombstone) is theirs. */
    private boolean isForeign(Map<String, Object> stored, Change change) {
        return (stored != null && !isMine(stored)) || (change != null && !isMine(change));
    }

    /** The owner a record's change row records: its owner property, {@code null} for models without one. */
    private String ownerOfRecord(Map<String, Object> record) {
        return model.ownerName() == null ? null : (String) record.get(model.ownerName());
    }

    private void checkId(Object id) {
        String problem = ModelDefinition.idProblem(id);
        if (problem != null) {
            throw ValidationException.of(model.name(), null, Collections.singletonList(
                    new ValidationError(model.idName(), "format", problem, id, true)));
        }
    }

    private Map<String, Object> withId(Map<String, Object> data, String id) {
        if (data.containsKey(model.idName())) {
            return data;
        }
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put(model.idName(), id);
        return copy;
    }

    /** Stores a valid record and rectifies its change, in the caller's transaction. */
    private void save(StoreTransaction tx, Map<String, Object> stored, Map<String, Object> record, boolean echo) {
        long checkpoint = tx.currentCheckpoint(); // first: the checkpoint lock before any row lock
        String id = (String) record.get(model.idName());
        if (stored == null) {
            tx.insert(model, record);
        } else {
            tx.update(model, record);
        }
        rectify(tx, id, model.revisionOf(record), checkpoint, echo, ownerOfRecord(record));
    }

    private boolean remove(StoreTransaction tx, String id, boolean echo) {
        long checkpoint = tx.currentCheckpoint();
        boolean existed = tx.delete(model, id);
        if (existed) {
            rectify(tx, id, null, checkpoint, echo, null);
        }
        return existed;
    }

    /**
     * Rectifies the change row of a write. {@code recordOwner} is the owner of the record written (a tombstone,
     * {@code null}, keeps the owner its row has), so the row always knows whose instance it tracks.
     */
    private void rectify(StoreTransaction tx, String id, String rev, long checkpoint, boolean echo,
            String recordOwner) {
        Change current = tx.findChange(model, id);
        Rectify r = Rectify.of(current, model.name(), id, rev, checkpoint, echo);
        String rowOwner = rev == null ? (current == null ? null : current.owner()) : recordOwner;
        if (r.action() == Rectify.Action.SAVE) {
            tx.saveChange(model, r.change().withOwner(rowOwner));
        } else if (r.action() == Rectify.Action.REMOVE && current != null) {
            tx.removeChange(model, id);
        } else if (r.action() == Rectify.Action.KEEP && current != null
                && !java.util.Objects.equals(current.owner(), rowOwner)) {
            tx.saveChange(model, current.withOwner(rowOwner)); // the owner is not hashed: same rev, new owner
        }
    }

    // ---- Replication ----------------------------------------------------------------------------------

    @Override
    public Checkpoint checkpoint() {
        return store.bumpCheckpoint();
    }

    @Override
    public long currentCheckpoint() {
        return store.read(StoreTransaction::currentCheckpoint);
    }

    /** The store's identity (PROTOCOL.md 9.3.5). */
    public String sourceId() {
        return store.sourceId();
    }

    @Override
    public List<Change> changes(long since, Filter filter) {
        // skip and limit apply to the whole ordered list, tombstones included, so paging ends (PROTOCOL.md 9.4.5)
        List<Change> all = new ArrayList<>();
        ChangeCursor cursor = null;
        do {
            ChangesPage page = changesPage(since, filter, cursor, SCAN_PAGE, false);
            all.addAll(page.changes());
            cursor = page.next();
        } while (cursor != null);
        return filter.page(all);
    }

    @Override
    public ChangesPage changesPage(long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes) {
        return store.read(tx -> {
            // only sealed checkpoints: rows of the open one wait for the bump that seals them (PROTOCOL.md 9.4.2)
            long before = tx.currentCheckpoint();
            List<Change> rows = owner == null ? tx.changes(model, since, before, cursor, limit)
                    : tx.ownedChanges(model, owner, since, before, cursor, limit);
            ChangeCursor next = rows.size() < limit ? null : ChangeCursor.after(rows.get(rows.size() - 1));
            Map<String, Map<String, Object>> existing = existingRecords(tx, rows, filter.where());
            List<Change> out = new ArrayList<>(rows.size());
            Map<String, Map<String, Object>> records = new LinkedHashMap<>();
            for (Change c : rows) {
                if (excludeEchoes && c.isEcho()) {
                    continue;
                }
                if (c.type() == ChangeType.DELETE) {
                    out.add(c);
                } else if (existing.containsKey(c.modelId())) {
                    out.add(c);
                    records.put(c.modelId(), existing.get(c.modelId()));
                }
            }
            return new ChangesPage(out, next, records);
        });
    }

    /** The visible records, by id, of the rows' live changes that the filter matches and the caller owns. */
    private Map<String, Map<String, Object>> existingRecords(StoreTransaction tx, List<Change> rows, Where where) {
        List<String> ids = new ArrayList<>(rows.size());
        for (Change c : rows) {
            if (c.rev() != null) {
                ids.add(c.modelId());
            }
        }
        Map<String, Map<String, Object>> existing = new HashMap<>();
        if (ids.isEmpty()) {
            return existing;
        }
        for (Map<String, Object> r : tx.findByIds(model, ids)) {
            if (where.matches(r) && isMine(r)) {
                existing.put((String) r.get(model.idName()), model.visible(r));
            }
        }
        return existing;
    }

    @Override
    public DiffResult diff(Long since, List<Change> sourceChanges) {
        return diff(since, sourceChanges, Collections.emptySet());
    }

    /**
     * {@link #diff(Long, List)} that also considers the local changes of {@code openConflicts} whatever
     * their checkpoint (PROTOCOL.md 9.4.7).
     */
    public DiffResult diff(Long since, List<Change> sourceChanges, Set<String> openConflicts) {
        return diff(since, sourceChanges, tx -> openConflicts);
    }

    /**
     * {@link #diff(Long, List, Set)} with the open conflicts read by {@code openConflicts} in the transaction that
     * reads the local changes: one read instead of two, and the list is as current as the changes.
     */
    public DiffResult diff(Long since, List<Change> sourceChanges, Store.Work<Set<String>> openConflicts) {
        if (sourceChanges.isEmpty()) {
            return new DiffResult(new ArrayList<>(), new ArrayList<>());
        }
        List<String> ids = new ArrayList<>(sourceChanges.size());
        for (Change c : sourceChanges) {
            ids.add(c.modelId());
        }
        return store.read(tx -> {
            Set<String> open = openConflicts.run(tx);
            return diff(since, sourceChanges, tx.findChanges(model, ids), open);
        });
    }

    /** The diff's decisions, from the local changes of the source's ids. */
    private DiffResult diff(Long since, List<Change> sourceChanges, List<Change> localChanges,
            Set<String> openConflicts) {
        List<Change> deltas = new ArrayList<>();
        List<Change> conflicts = new ArrayList<>();
        Map<String, Change> local = new HashMap<>();
        for (Change c : localChanges) {
            if (isMine(c)) {
                local.put(c.modelId(), c); // another owner's change is, to this caller, no change at all
            }
        }
        for (Change source : sourceChanges) {
            Change target = local.get(source.modelId());
            boolean considered = target != null
                    && (since == null || target.checkpointOr(0) >= since || openConflicts.contains(source.modelId()));
            if (considered) {
                compare(source, target, deltas, conflicts);
            } else {
                // the target's change (if any) is one the source has already seen: rebase onto it (PROTOCOL.md 2.5)
                String targetRev = target == null ? null : target.rev();
                if (java.util.Objects.equals(normalized(source.rev()), targetRev)) {
                    continue; // the target already holds this revision (PROTOCOL.md 9.4.9)
                }
                deltas.add(source.withPrev(targetRev));
            }
        }
        return new DiffResult(deltas, conflicts);
    }

    private static void compare(Change source, Change target, List<Change> deltas, List<Change> conflicts) {
        if (source.sameRevision(target)) {
            return;
        }
        // stale echo: the target's change was made on top of exactly what the source sends, so the source
        // is only behind -- unless the source was itself made on top of the target (PROTOCOL.md 9.4.9)
        boolean sourceIsBehind = target.hasPrev() && java.util.Objects.equals(target.prev(), source.rev());
        if (sourceIsBehind && !source.isBasedOn(target)) {
            return;
        }
        if (source.conflictsWith(target)) {
            conflicts.add(target);
        } else {
            deltas.add(source);
        }
    }

    private static String normalized(String rev) {
        return rev == null || rev.isEmpty() ? null : rev;
    }

    @Override
    public List<Update> createUpdates(List<Change> deltas) {
        return store.read(tx -> {
            List<String> ids = new ArrayList<>();
            for (Change d : deltas) {
                ids.add(d.modelId());
            }
            Map<String, Map<String, Object>> records = new HashMap<>();
            for (Map<String, Object> r : tx.findByIds(model, ids)) {
                if (isMine(r)) {
                    records.put((String) r.get(model.idName()), model.visible(r));
                }
            }
            List<Update> updates = Update.forDeltas(deltas, records);
            Change missing = Update.withoutData(updates);
            if (missing != null) {
                throw SyncException.unprocessable("MISSING_DATA", "Missing data for change: " + model.name()
                        + " " + Json.write(missing.modelId()) + " no longer exists");
            }
            return updates;
        });
    }

    /**
     * Checks and applies the updates in one batch: each is checked just before it is applied, so that a store that
     * writes as it goes (IndexedDB) stores the first records while the rest are still being checked. Should any
     * update be invalid, the rest are still checked but none applied, and the batch fails with every invalid one
     * named, so that its transaction rolls back whatever was written: nothing is written (PROTOCOL.md 9.5.1).
     */
    @Override
    public List<Update> bulkUpdate(List<Update> updates) {
        List<String> ids = new ArrayList<>(updates.size());
        for (Update u : updates) {
            ids.add(u.change().modelId());
        }
        return store.writeBatch(tx -> {
            tx.prefetch(model, ids);
            Map<String, List<ValidationError>> invalid = new LinkedHashMap<>();
            List<Update> conflicts = new ArrayList<>();
            for (Update u : updates) {
                List<ValidationError> errors = new ArrayList<>();
                // the record the check built from the data alone: what the update stores when its id is free
                Map<String, Object> built = checkUpdate(u, errors);
                if (!errors.isEmpty()) {
                    invalid.put(u.change().modelId(), errors);
                } else if (invalid.isEmpty() && u.type() != ChangeType.UNKNOWN && !apply(tx, u, built)) {
                    conflicts.add(u);
                }
            }
            if (!invalid.isEmpty()) {
                throw ValidationException.ofItems(model.name(), invalid); // rolls the batch back
            }
            return conflicts;
        });
    }

    /**
     * Adds the problems of an update to {@code errors}; returns the record a create or update builds from its data
     * alone, {@code null} for the others.
     */
    private Map<String, Object> checkUpdate(Update u, List<ValidationError> errors) {
        String id = u.change().modelId();
        String problem = ModelDefinition.idProblem(id);
        if (problem != null) {
            errors.add(new ValidationError("change.modelId", "format", problem, id, true));
            return null;
        }
        if (u.type() != ChangeType.CREATE && u.type() != ChangeType.UPDATE) {
            return null;
        }
        if (u.data() == null) {
            errors.add(new ValidationError("data", "presence", "can't be blank for a " + u.type().wireName(),
                    null, false));
            return null;
        }
        try {
            Map<String, Object> record = model.replacement(null, withId(u.data(), id));
            if (!id.equals(record.get(model.idName()))) {
                errors.add(new ValidationError(model.idName(), "mismatch", "must equal change.modelId "
                        + Json.write(id), record.get(model.idName()), true));
            }
            return record;
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * Applies one update with a compare-and-swap on its change row; false when it conflicts. {@code built} is the
     * record its check built from the data alone, which is what it stores when the id is free and the replica has
     * no owner to stamp.
     */
    private boolean apply(StoreTransaction tx, Update u, Map<String, Object> built) {
        String id = u.change().modelId();
        long checkpoint = tx.currentCheckpoint();
        Change row = tx.findChange(model, id); // locks the change row until the batch commits
        Map<String, Object> stored = tx.findById(model, id);
        if (owner != null && isForeign(stored, row)) {
            // another owner's id: nothing there to delete, and a create or update cannot take it; decided before
            // any revision is compared, so the answer says nothing about their record (PROTOCOL.md 9.7)
            return u.type() == ChangeType.DELETE;
        }
        String currentRev = stored == null ? null : model.revisionOf(stored);
        Change change = u.change();
        if (java.util.Objects.equals(currentRev, normalized(change.rev()))) {
            return true; // already applied: a retry after a lost 204 is no conflict (PROTOCOL.md 9.5.3)
        }
        switch (u.type()) {
            case CREATE:
                if (stored != null) {
                    return false; // a create whose id is taken is a conflict (PROTOCOL.md 9.5.4)
                }
                break;
            case UPDATE:
                if (!change.hasPrev() || !java.util.Objects.equals(currentRev, change.prev())) {
                    return false;
                }
                break;
            case DELETE:
                if (stored == null) {
                    return true; // nothing to delete
                }
                if (!change.hasPrev() || !java.util.Objects.equals(currentRev, change.prev())) {
                    return false;
                }
                tx.delete(model, id);
                rectify(tx, id, null, checkpoint, true, null);
                return true;
            default:
                return true;
        }
        Map<String, Object> record = stored == null && owner == null && built != null ? built
                : model.replacement(stored, withId(stamped(u.data()), id));
        if (stored == null) {
            tx.insert(model, record);
        } else {
            tx.update(model, record);
        }
        rectify(tx, id, model.revisionOf(record), checkpoint, true, ownerOfRecord(record));
        return true;
    }

    @Override
    public Change findLastChange(String id) {
        Change c = store.read(tx -> tx.findChange(model, id));
        return c == null || !isMine(c) ? null : c;
    }

    @Override
    public Change updateLastChange(String id, Map<String, Object> data) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            String key = e.getKey();
            if (!key.equals("prev") && !key.equals("id") && !key.equals("modelName") && !key.equals("modelId")
                    && !key.equals("rev") && !key.equals("checkpoint")) {
                throw SyncException.unprocessable("INVALID_CHANGE", "Unknown change property " + Json.write(key)
                        + " for " + model.name() + " " + Json.write(id));
            }
        }
        Object prev = data.get("prev");
        if (prev != null && !(prev instanceof String)) {
            throw SyncException.unprocessable("INVALID_CHANGE", "Change property \"prev\" of " + model.name() + " "
                    + Json.write(id) + " must be a string or null, got " + Json.write(prev));
        }
        return store.write(tx -> {
            long checkpoint = tx.currentCheckpoint();
            Change current = tx.findChange(model, id);
            if (current == null || !isMine(current)) {
                throw SyncException.notFound("MODEL_NOT_FOUND", "No change record found for " + model.name()
                        + " with id " + id);
            }
            Object rev = data.get("rev");
            if (data.containsKey("rev") && !java.util.Objects.equals(rev, current.rev())) {
                // the revision is the hash of the data; letting a client set it would break every later diff
                throw SyncException.unprocessable("INVALID_CHANGE", "Change property \"rev\" of " + model.name()
                        + " " + Json.write(id) + " is the hash of its data and cannot be set to " + Json.write(rev));
            }
            Change updated = current;
            if (data.containsKey("prev")) {
                updated = updated.withPrev((String) prev);
            }
            // a resolution is re-stamped so that it is always pushed (PROTOCOL.md 9.4.7)
            updated = updated.withCheckpoint(checkpoint).withEcho(false);
            tx.saveChange(model, updated);
            return updated;
        });
    }

    /** Model record count and change-row count, for status views. */
    public long countChanges() {
        return store.read(tx -> tx.countChanges(model));
    }
}
