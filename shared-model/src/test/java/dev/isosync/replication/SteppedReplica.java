package dev.isosync.replication;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.error.SyncException;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.Replica;
import dev.isosync.replica.Update;
import dev.isosync.store.ChangeCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A replica that runs a hook just before and just after every call it forwards: the way tests make the
 * network fail at a chosen step (the request never arrives, or it was applied and the answer was lost), or
 * make another party write between two steps of a replication. Calls made by the hook itself are forwarded
 * without running it again.
 */
final class SteppedReplica implements Replica {
    /** Before the call reaches the replica, or after it was carried out but before its answer is returned. */
    enum When {
        BEFORE, AFTER
    }

    /** Runs at each step; may throw (a network failure) or act on other replicas. */
    interface Hook {
        void at(String method, int index, When when);
    }

    static final Hook NONE = (method, index, when) -> {
    };

    /** Sees every forwarded call's argument, and after it its result, whatever the hook. */
    interface Observer {
        void seen(String method, When when, Object argument, Object result);
    }

    private Observer observer = (method, when, argument, result) -> {
    };

    private final Replica replica;
    private Hook hook = NONE;
    private int calls;
    private boolean inHook;
    final List<String> methods = new ArrayList<>();
    final List<ChangeCursor> changesPageCursors = new ArrayList<>();
    final List<List<String>> createUpdatesIds = new ArrayList<>();
    /** The ids of the changes of each page answered. */
    final List<List<String>> changesPageIds = new ArrayList<>();
    /** Answer pages without their records, as a source that does not send them. */
    boolean withoutRecords;

    SteppedReplica(Replica replica) {
        this.replica = replica;
    }

    /** Sets the hook and restarts the call count and the recordings. */
    SteppedReplica hook(Hook value) {
        hook = value;
        calls = 0;
        methods.clear();
        changesPageCursors.clear();
        createUpdatesIds.clear();
        changesPageIds.clear();
        return this;
    }

    /** Sets the observer (kept when the hook changes). */
    SteppedReplica observe(Observer value) {
        observer = value;
        return this;
    }

    /** How many calls were forwarded since the hook was set. */
    int calls() {
        return calls;
    }

    /** The failure a hook throws to cut the connection. */
    static SyncException networkFailure(String step) {
        return SyncException.unavailable("network failure (test) " + step, null);
    }

    /** A hook that fails every call: the remote is unreachable. */
    static Hook unreachable() {
        return (method, index, when) -> {
            throw networkFailure("before " + method);
        };
    }

    private <T> T call(String method, Supplier<T> body) {
        return call(method, null, body);
    }

    private <T> T call(String method, Object argument, Supplier<T> body) {
        if (inHook) {
            return body.get();
        }
        int index = calls++;
        methods.add(method);
        observer.seen(method, When.BEFORE, argument, null);
        step(method, index, When.BEFORE);
        T result = body.get();
        observer.seen(method, When.AFTER, argument, result);
        step(method, index, When.AFTER);
        return result;
    }

    private void step(String method, int index, When when) {
        inHook = true;
        try {
            hook.at(method, index, when);
        } finally {
            inHook = false;
        }
    }

    @Override
    public ModelDefinition model() {
        return replica.model();
    }

    @Override
    public Checkpoint checkpoint() {
        return call("checkpoint", replica::checkpoint);
    }

    @Override
    public long currentCheckpoint() {
        return call("currentCheckpoint", replica::currentCheckpoint);
    }

    @Override
    public List<Change> changes(long since, Filter filter) {
        return call("changes", () -> replica.changes(since, filter));
    }

    @Override
    public ChangesPage changesPage(long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes) {
        if (!inHook) {
            changesPageCursors.add(cursor);
        }
        ChangesPage page = call("changesPage", cursor,
                () -> replica.changesPage(since, filter, cursor, limit, excludeEchoes));
        if (!inHook) {
            List<String> ids = new ArrayList<>();
            for (Change c : page.changes()) {
                ids.add(c.modelId());
            }
            changesPageIds.add(ids);
        }
        return withoutRecords ? new ChangesPage(page.changes(), page.next()) : page;
    }

    @Override
    public DiffResult diff(Long since, List<Change> sourceChanges) {
        return call("diff", sourceChanges, () -> replica.diff(since, sourceChanges));
    }

    @Override
    public List<Update> createUpdates(List<Change> deltas) {
        if (!inHook) {
            List<String> ids = new ArrayList<>();
            for (Change d : deltas) {
                ids.add(d.modelId());
            }
            createUpdatesIds.add(ids);
        }
        return call("createUpdates", () -> replica.createUpdates(deltas));
    }

    @Override
    public List<Update> bulkUpdate(List<Update> updates) {
        return call("bulkUpdate", updates, () -> replica.bulkUpdate(updates));
    }

    @Override
    public Change findLastChange(String id) {
        return call("findLastChange", () -> replica.findLastChange(id));
    }

    @Override
    public Change updateLastChange(String id, Map<String, Object> data) {
        return call("updateLastChange", () -> replica.updateLastChange(id, data));
    }

    @Override
    public Map<String, Object> findById(String id) {
        return call("findById", () -> replica.findById(id));
    }

    @Override
    public Map<String, Object> upsert(Map<String, Object> data) {
        return call("upsert", () -> replica.upsert(data));
    }

    @Override
    public boolean deleteById(String id) {
        return call("deleteById", () -> replica.deleteById(id));
    }
}
