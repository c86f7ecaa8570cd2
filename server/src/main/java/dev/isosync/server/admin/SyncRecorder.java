package dev.isosync.server.admin;

import dev.isosync.change.Change;
import dev.isosync.error.SyncException;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import dev.isosync.server.http.SyncEvents;
import dev.isosync.wire.WireFormat;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the model API tells the admin console: who called, what a request pulled, pushed and wrote, and the
 * conflicts the server took part in. Handlers note events on the request as it runs; {@link #finish(Context)},
 * run after every request of the model and sync APIs, stores the request in one go.
 *
 * <p>Bookkeeping never changes an answer of the replication protocol: a failure to record is logged and the
 * request goes on. Only the endpoint whose purpose is recording (a client's conflict report) fails with it.
 */
public final class SyncRecorder implements SyncEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRecorder.class);
    private static final String REQUEST = SyncRecorder.class.getName() + ".request";

    private final AdminStore store;
    private final Clock clock;
    private final WriteAccess access;

    /**
     * @param store  where the records go
     * @param clock  the time of requests and conflicts
     * @param access who may write which model: only their conflicts are filed
     */
    public SyncRecorder(AdminStore store, Clock clock, WriteAccess access) {
        this.store = store;
        this.clock = clock;
        this.access = access;
    }

    /** The store the records go to. */
    public AdminStore store() {
        return store;
    }

    /** Now, epoch milliseconds, by the recorder's clock. */
    public long now() {
        return clock.millis();
    }

    /**
     * Whether requests to {@code path} are a client's: the model API and our sync extensions. Not the change
     * stream: it only listens, and a browser's EventSource cannot send {@code X-Client-Id}, so each of our
     * browser clients would also show up as a second client known by its address.
     */
    public static boolean isClientPath(String path) {
        return (path.startsWith("/api/") || path.startsWith("/sync/")) && !path.endsWith("/change-stream");
    }

    private RequestRecord request(Context ctx) {
        RequestRecord r = ctx.attribute(REQUEST);
        if (r == null) {
            r = new RequestRecord(ClientIdentity.of(ctx), now());
            ctx.attribute(REQUEST, r);
        }
        return r;
    }

    /** Who sent the request. */
    public ClientIdentity client(Context ctx) {
        return request(ctx).client();
    }

    /** The request is a replication request of {@code model}. */
    @Override
    public void sync(Context ctx, ModelDefinition model) {
        request(ctx).sync(model.name());
    }

    /**
     * The request pulled {@code delivered} changes from {@code since} on: the client now holds the server's
     * changes through the higher of {@code since} and their checkpoints.
     */
    @Override
    public void pulled(Context ctx, ModelDefinition model, long since, List<Change> delivered) {
        long through = since;
        for (Change c : delivered) {
            through = Math.max(through, c.checkpointOr(through));
        }
        request(ctx).sync(model.name()).pulled(through);
    }

    /**
     * The request pushed {@code changes} (a diff or a bulk-update); their highest checkpoint is the client's
     * own, in the client's numbering.
     */
    @Override
    public void pushed(Context ctx, ModelDefinition model, List<Change> changes) {
        Long highest = null;
        for (Change c : changes) {
            if (c.checkpoint() != null) {
                highest = highest == null ? c.checkpoint() : Math.max(highest, c.checkpoint());
            }
        }
        request(ctx).sync(model.name()).pushed(highest);
    }

    /** The request wrote {@code count} records of {@code model}. */
    @Override
    public void changed(Context ctx, ModelDefinition model, int count) {
        if (count > 0) {
            request(ctx).changed(model.name(), count);
        }
    }

    /** Counts a record the server wrote on its own (an admin's resolution) in the model's activity. */
    void changedByServer(ModelDefinition model) {
        store.recordRequest(new RequestRecord(null, now()).changed(model.name(), 1));
    }

    /**
     * Files the conflicts a diff reported: the client's change as it sent it, the server's current record
     * and change row. The client's version is known only when it deleted (a diff carries no data).
     */
    @Override
    public void diffConflicts(Context ctx, LocalReplica replica, List<Change> sent, DiffResult result) {
        fileDiffConflicts(ctx, replica, sent, null, result);
    }

    /**
     * Files the conflicts a combined push's diff reported, as a diff's, but with the client's version: the push
     * carried its data, so an admin can take the client's version at once.
     */
    @Override
    public void pushConflicts(Context ctx, LocalReplica replica, List<Update> sent, DiffResult result) {
        if (result.conflicts().isEmpty()) {
            return;
        }
        List<Change> changes = new ArrayList<>(sent.size());
        Map<String, Update> updates = new HashMap<>();
        for (Update u : sent) {
            changes.add(u.change());
            updates.put(u.change().modelId(), u);
        }
        fileDiffConflicts(ctx, replica, changes, updates, result);
    }

    private void fileDiffConflicts(Context ctx, LocalReplica replica, List<Change> sent, Map<String, Update> updates,
            DiffResult result) {
        if (result.conflicts().isEmpty()) {
            return;
        }
        Map<String, Change> byId = new HashMap<>();
        for (Change c : sent) {
            byId.put(c.modelId(), c);
        }
        List<Change> mine = new ArrayList<>();
        for (Change server : result.conflicts()) {
            Change c = byId.get(server.modelId());
            if (c != null) {
                mine.add(c);
            }
        }
        fileQuietly(ctx, replica, ConflictSource.DIFF, mine, updates);
    }

    /**
     * Closes the caller's open conflicts on the records a bulk-update applied: the client resolved each one
     * itself (a LoopBack client's {@code resolveUsingSource}, our user's "keep mine" or merge) and its version is
     * now the server's, so the inbox has nothing left to decide. The entry keeps the server's version after the
     * push. Most pushes touch no conflicted record; then only the inbox is asked.
     */
    @Override
    public void bulkUpdateApplied(Context ctx, LocalReplica replica, List<Update> applied) {
        if (applied.isEmpty()) {
            return;
        }
        String model = replica.model().name();
        ClientIdentity client = client(ctx);
        try {
            List<String> ids = new ArrayList<>(applied.size());
            for (Update u : applied) {
                ids.add(u.change().modelId());
            }
            Set<String> open = store.openConflictIds(model, client.id(), ids);
            if (!open.isEmpty()) {
                store.closeByClient(model, client.id(), Keep.CLIENT_PUSHED, serverVersions(replica, open), now());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not close the {} conflicts of {} that its push resolved", model, client, e);
        }
    }

    /**
     * Closes conflicts the client reports it resolved itself without pushing anything (it took the server's
     * version, say). A record without an open conflict of the caller is passed over: an admin may have resolved
     * it meanwhile, or a push closed it, or this is a retry. So is another owner's record, whatever client id
     * the caller sends ({@link #serverVersions}).
     *
     * @param modelIds the records, checked already
     * @return the entries closed, in id order
     * @throws SyncException 401 when the caller may not write the model
     */
    List<ConflictRecord> clientResolved(Context ctx, LocalReplica replica, Collection<String> modelIds) {
        if (!access.mayWrite(ctx, replica.model())) {
            throw new SyncException(401, "Error", "AUTHORIZATION_REQUIRED", "Reporting conflicts of "
                    + replica.model().name() + " needs write access to it", null);
        }
        String model = replica.model().name();
        String clientId = client(ctx).id();
        Set<String> open = store.openConflictIds(model, clientId, modelIds);
        if (open.isEmpty()) {
            return new ArrayList<>();
        }
        return store.closeByClient(model, clientId, Keep.CLIENT_REPORTED, serverVersions(replica, open), now());
    }

    /** Files the conflicts of a bulk-update's 409: each update carried the client's data. */
    @Override
    public void bulkUpdateConflicts(Context ctx, LocalReplica replica, List<Update> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        Map<String, Update> updates = new HashMap<>();
        for (Update u : conflicts) {
            changes.add(u.change());
            updates.put(u.change().modelId(), u);
        }
        fileQuietly(ctx, replica, ConflictSource.BULK_UPDATE, changes, updates);
    }

    private void fileQuietly(Context ctx, LocalReplica replica, ConflictSource source, List<Change> changes,
            Map<String, Update> updates) {
        try {
            if (!access.mayWrite(ctx, replica.model())) {
                return; // a reader cannot fill the inbox
            }
            Map<String, ServerVersion> server = serverVersions(replica, ids(changes));
            List<ConflictReport> reports = new ArrayList<>();
            ClientIdentity client = client(ctx);
            long at = now();
            for (Change c : changes) {
                if (!server.containsKey(c.modelId())) {
                    continue; // another owner's record: not this caller's conflict to file
                }
                Update u = updates == null ? null : updates.get(c.modelId());
                Map<String, Object> wire = u != null && u.wireChange() != null ? u.wireChange() : WireFormat.change(c);
                ClientVersion version;
                if (c.rev() == null || c.rev().isEmpty()) {
                    version = ClientVersion.DELETED;
                } else {
                    // a diff sends no data; a bulk-update or a combined push sends it with each create and update
                    version = u == null || u.data() == null ? null : new ClientVersion(u.data());
                }
                reports.add(new ConflictReport(replica.model().name(), c.modelId(), client, source,
                        server.get(c.modelId()), wire, version, at));
            }
            store.recordConflicts(reports);
        } catch (RuntimeException e) {
            LOG.warn("Could not file {} {} conflict(s) of {} in the admin inbox", changes.size(),
                    replica.model().name(), client(ctx), e);
        }
    }

    /**
     * Files conflicts a client reports (its pull conflicts, which only it can see). On a model with an owner
     * property, only those on the caller's own records: see {@link #serverVersions}.
     *
     * @return the inbox entries, in the order of {@code conflicts}, the ones left out skipped
     * @throws SyncException 401 when the caller may not write the model
     */
    List<ConflictRecord> clientReport(Context ctx, LocalReplica replica, List<ReportedConflict> conflicts) {
        if (!access.mayWrite(ctx, replica.model())) {
            throw new SyncException(401, "Error", "AUTHORIZATION_REQUIRED", "Reporting conflicts of "
                    + replica.model().name() + " needs write access to it", null);
        }
        List<Change> changes = new ArrayList<>();
        for (ReportedConflict c : conflicts) {
            changes.add(c.change());
        }
        Map<String, ServerVersion> server = serverVersions(replica, ids(changes));
        ClientIdentity client = client(ctx);
        long at = now();
        List<ConflictReport> reports = new ArrayList<>();
        for (ReportedConflict c : conflicts) {
            ServerVersion version = server.get(c.change().modelId());
            if (version == null) {
                continue; // another owner's record, or none: answered as if nothing were there to report
            }
            reports.add(new ConflictReport(replica.model().name(), c.change().modelId(), client,
                    ConflictSource.CLIENT_REPORT, version, c.wireChange(), new ClientVersion(c.data()), at));
        }
        return store.recordConflicts(reports);
    }

    /**
     * The server's records and change rows of those ids that {@code replica}'s caller may see, read together. On
     * an unscoped replica that is every id. On a caller's scoped one (PROTOCOL.md 9.7) it is the ids whose change
     * row is the caller's: another owner's record, or an id the server never had, is left out, and so is never
     * filed, closed or listed for this caller. Filed, an admin keeping "the client's version" would write one
     * user's data into another's record; and the caller would learn that the id exists.
     */
    static Map<String, ServerVersion> serverVersions(LocalReplica replica, Collection<String> modelIds) {
        ModelDefinition model = replica.model();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(modelIds));
        return replica.store().read(tx -> {
            Map<String, Map<String, Object>> records = new HashMap<>();
            for (Map<String, Object> r : tx.findByIds(model, ids)) {
                records.put((String) r.get(model.idName()), model.visible(r));
            }
            Map<String, Change> rows = new HashMap<>();
            for (Change c : tx.findChanges(model, ids)) {
                rows.put(c.modelId(), c);
            }
            Map<String, ServerVersion> out = new HashMap<>();
            for (String id : ids) {
                Change row = rows.get(id);
                if (replica.owner() != null && (row == null || !replica.owner().equals(row.owner()))) {
                    continue; // not the caller's
                }
                out.put(id, new ServerVersion(records.get(id), row == null ? null : row.rev(),
                        row == null ? null : row.checkpoint()));
            }
            return out;
        });
    }

    private static List<String> ids(Collection<Change> changes) {
        List<String> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.modelId());
        }
        return out;
    }

    /**
     * Stores what the request amounted to; run after every request of the model and sync APIs, when its
     * status is known.
     */
    public void finish(Context ctx) {
        RequestRecord r = request(ctx);
        r.at(now()).failed(ctx.statusCode() >= 400);
        try {
            store.recordRequest(r);
        } catch (RuntimeException e) {
            LOG.warn("Could not record a request of {} for the admin console", r.client(), e);
        }
    }
}
