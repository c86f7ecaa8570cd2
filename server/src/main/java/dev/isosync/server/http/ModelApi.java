package dev.isosync.server.http;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.AppliedChanges;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.auth.Operation;
import dev.isosync.server.auth.RequestAccess;
import dev.isosync.store.ChangeCursor;
import dev.isosync.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model's REST API under {@code /api/<plural>}: LoopBack's CRUD endpoints and every replication
 * endpoint (PROTOCOL.md 4.1 and 9.1), static paths registered before {@code /{id}}; plus our keyset-paged
 * change list under {@code /sync/<plural>/changes}, which with {@code withData=true} also carries the records of its
 * live changes, read with them, so that our clients pull without create-updates, and our combined push under
 * {@code /sync/<plural>/push} (PROTOCOL.md 9.8). What each request pulls, pushes, writes
 * and conflicts with is reported to {@link SyncEvents}.
 *
 * <p>Every endpoint is guarded by {@link RequestAccess}: its LoopBack method name and access type
 * (PROTOCOL.md 4.5) are checked against the ACLs before the request is read, and a model with an owner property
 * is served through the caller's scoped replica (PROTOCOL.md 9.7).
 */
public final class ModelApi {
    /** Largest page of the keyset-paged change list. */
    static final int MAX_PAGE = 10_000;

    private final LocalReplica replica;
    private final ModelDefinition model;
    private final ChangeStream stream;
    private final ServerConfig config;
    private final SyncEvents events;
    private final RequestAccess access;
    /** The callers' admin resolutions, for the start of a pull; {@code null} without a conflict inbox. */
    private Resolutions resolutions;

    /**
     * @param replica the model's replica on the server's store
     * @param stream  the model's change stream
     * @param config  limits
     * @param events  told what each request pulled, pushed, wrote and conflicted with
     * @param access  who may call which endpoint, and the replica each caller sees
     */
    /** The calling client's admin resolutions from a sequence number on, in their answer's form. */
    public interface Resolutions {
        Map<String, Object> answer(Context ctx, Long since, Long limit);
    }

    /**
     * Lets the start of a pull carry the caller's admin resolutions ({@code resolutionsSince}), so our clients need
     * no request of their own for them.
     *
     * @return this
     */
    public ModelApi withResolutions(Resolutions value) {
        this.resolutions = value;
        return this;
    }

    public ModelApi(LocalReplica replica, ChangeStream stream, ServerConfig config, SyncEvents events,
            RequestAccess access) {
        this.replica = replica;
        this.model = replica.model();
        this.stream = stream;
        this.config = config;
        this.events = events;
        this.access = access;
    }

    /** The model's replica on the server's store, unscoped: for the server's own use, never a caller's. */
    public LocalReplica replica() {
        return replica;
    }

    /** The model's change stream: writes made outside this API (an admin's resolution) are published here. */
    public ChangeStream stream() {
        return stream;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        String base = "/api/" + model.plural();
        // static paths first: they win over /{id} (PROTOCOL.md 9.1.1)
        routes.get(base + "/changes", guarded(Operation.CHANGES, this::changes));
        routes.post(base + "/diff", guarded(Operation.DIFF, this::diff));
        routes.post(base + "/checkpoint", guarded(Operation.CHECKPOINT, ctx -> {
            events.sync(ctx, model);
            JsonAnswers.send(ctx, WireFormat.checkpoint(replica.checkpoint()));
        }));
        routes.get(base + "/checkpoint", guarded(Operation.CURRENT_CHECKPOINT, ctx -> {
            events.sync(ctx, model);
            JsonAnswers.send(ctx, replica.currentCheckpoint());
        }));
        routes.post(base + "/create-updates", guarded(Operation.CREATE_UPDATES, this::createUpdates));
        routes.post(base + "/bulk-update", guarded(Operation.BULK_UPDATE, this::bulkUpdate));
        // an SSE response is committed before its handler runs: the guard must run ahead of it
        routes.before(base + "/change-stream", ctx -> access.require(ctx, model, Operation.CHANGE_STREAM));
        routes.sse(base + "/change-stream", client -> stream.add(client, replica(client.ctx()).owner()));
        routes.get(base + "/findOne", guarded(Operation.FIND_ONE, this::findOne));
        routes.get(base + "/count", guarded(Operation.COUNT, this::count));
        routes.get(base, guarded(Operation.FIND, ctx -> JsonAnswers.send(ctx, replica(ctx).find(Filter.parse(model,
                queryJson(ctx, "filter"))))));
        routes.post(base, guarded(Operation.CREATE, this::create));
        routes.patch(base, guarded(Operation.PATCH_OR_CREATE, ctx -> saved(ctx, replica(ctx).upsert(record(ctx)),
                false)));
        routes.put(base, guarded(Operation.REPLACE_OR_CREATE, ctx -> saved(ctx,
                replica(ctx).replaceOrCreate(record(ctx)), false)));
        routes.get(base + "/{id}/exists", guarded(Operation.EXISTS, ctx -> JsonAnswers.send(ctx,
                Collections.singletonMap("exists", replica(ctx).findById(ctx.pathParam("id")) != null))));
        routes.get(base + "/{id}/changes/last", guarded(Operation.FIND_LAST_CHANGE, this::findLastChange));
        routes.put(base + "/{id}/changes/last", guarded(Operation.UPDATE_LAST_CHANGE, this::updateLastChange));
        routes.get(base + "/{id}", guarded(Operation.FIND_BY_ID, this::findById));
        routes.put(base + "/{id}", guarded(Operation.REPLACE_BY_ID, ctx -> saved(ctx,
                replica(ctx).replaceById(ctx.pathParam("id"), record(ctx)), false)));
        routes.patch(base + "/{id}", guarded(Operation.PATCH_ATTRIBUTES, ctx -> saved(ctx,
                replica(ctx).patchById(ctx.pathParam("id"), record(ctx)), false)));
        routes.delete(base + "/{id}", guarded(Operation.DELETE_BY_ID, this::deleteById));
        routes.get("/sync/" + model.plural() + "/changes", guarded(Operation.SYNC_CHANGES, this::changesPage));
        // a checkpoint and a page: the caller needs what each of them needs
        routes.post("/sync/" + model.plural() + "/pull", guarded(Operation.CHECKPOINT, guarded(Operation.SYNC_CHANGES,
                this::pull)));
        // a diff and a bulk-update: the caller needs what each of them needs
        routes.post("/sync/" + model.plural() + "/push", guarded(Operation.DIFF, guarded(Operation.BULK_UPDATE,
                this::push)));
    }

    /** The handler run only for a caller the ACLs allow; everything else is answered 401 before it reads anything. */
    private Handler guarded(Operation op, Handler handler) {
        return ctx -> {
            access.require(ctx, model, op);
            handler.handle(ctx);
        };
    }

    /** The replica as this request's caller sees it (PROTOCOL.md 9.7). */
    private LocalReplica replica(Context ctx) {
        return access.scoped(ctx, replica);
    }

    private Map<String, Object> record(Context ctx) {
        Map<String, Object> body = Requests.objectBody(ctx, config.bodyLimit());
        config.limits().checkStrings(body);
        return body;
    }

    /** A JSON query parameter ({@code filter}, {@code where}) whose strings are within the string limits. */
    private Object queryJson(Context ctx, String name) {
        Object json = Requests.json(ctx, name);
        config.limits().checkStrings(json);
        return json;
    }

    /** A replication body: within its byte limit, its item limit and its string limit. */
    private Object replicationBody(Context ctx) {
        Object body = Requests.body(ctx, config.replicationBodyLimit());
        config.limits().checkItems(ctx, body instanceof Map ? ((Map<?, ?>) body).get("updates") : body);
        config.limits().checkStrings(body);
        return body;
    }

    private void create(Context ctx) {
        Object body = Requests.body(ctx, config.bodyLimit());
        config.limits().checkStrings(body);
        if (body instanceof List) {
            throw SyncException.badRequest("INVALID_BODY", "POST " + ctx.path()
                    + " takes one JSON object; arrays are not supported");
        }
        if (!(body instanceof Map)) {
            throw SyncException.badRequest("INVALID_BODY", "POST " + ctx.path() + " takes a JSON object, got "
                    + WireFormat.kind(body));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> created = replica(ctx).create((Map<String, Object>) body);
        saved(ctx, created, true);
    }

    private void saved(Context ctx, Map<String, Object> record, boolean created) {
        events.changed(ctx, model, 1);
        stream.saved(replica(ctx).owner(), (String) record.get(model.idName()), record, created);
        JsonAnswers.send(ctx, record);
    }

    private void findById(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> record = replica(ctx).findById(id);
        if (record == null) {
            throw replica.unknownId(id);
        }
        Object filter = queryJson(ctx, "filter");
        JsonAnswers.send(ctx, Filter.parse(model, filter).project(record));
    }

    private void findOne(Context ctx) {
        Object json = queryJson(ctx, "filter");
        Filter filter = Filter.parse(model, json);
        List<Map<String, Object>> found = replica(ctx).find(filter);
        if (found.isEmpty()) {
            throw SyncException.notFound("MODEL_NOT_FOUND", "Unknown \"" + model.name() + "\" instance for filter "
                    + (json == null ? "{}" : Json.write(json)) + ".");
        }
        JsonAnswers.send(ctx, found.get(0));
    }

    private void count(Context ctx) {
        Where where = Where.parse(model, queryJson(ctx, "where"));
        JsonAnswers.send(ctx, Collections.singletonMap("count", replica(ctx).count(where)));
    }

    private void deleteById(Context ctx) {
        String id = ctx.pathParam("id");
        LocalReplica scoped = replica(ctx);
        boolean deleted = scoped.deleteById(id);
        if (deleted) {
            events.changed(ctx, model, 1);
            stream.removed(scoped.owner(), id);
        }
        JsonAnswers.send(ctx, Collections.singletonMap("count", deleted ? 1 : 0));
    }

    private void changes(Context ctx) {
        events.sync(ctx, model);
        Long since = Requests.number(ctx, "since");
        Filter filter = Filter.parse(model, queryJson(ctx, "filter"));
        if (since == null) {
            JsonAnswers.send(ctx, Collections.emptyList()); // LoopBack answers [] without since (PROTOCOL.md 2.4)
            return;
        }
        List<Change> changes = replica(ctx).changes(since, filter);
        events.pulled(ctx, model, since, changes);
        JsonAnswers.send(ctx, WireFormat.changes(changes));
    }

    private void changesPage(Context ctx) {
        events.sync(ctx, model);
        JsonAnswers.send(ctx, page(ctx, pageRequest(ctx)));
    }

    /**
     * A pull's first two steps in one request (README, "The API"): bumps the checkpoint, as {@code POST /checkpoint}
     * does, then answers the page as {@code GET /sync/<plural>/changes} does, with the new checkpoint beside it. The
     * request is checked before the bump, so a bad one changes nothing. With {@code resolutionsSince=N} the answer
     * also carries the caller's admin resolutions from {@code N} on, as {@code GET /sync/<plural>/resolutions}
     * answers them, read before the bump.
     */
    private void pull(Context ctx) {
        events.sync(ctx, model);
        PageRequest request = pageRequest(ctx);
        Map<String, Object> resolved = null;
        if (ctx.queryParam("resolutionsSince") != null) {
            if (resolutions == null) {
                throw SyncException.badRequest("INVALID_PARAMETER", "this server keeps no conflict inbox for "
                        + model.name() + ": \"resolutionsSince\" cannot be answered");
            }
            resolved = resolutions.answer(ctx, Requests.number(ctx, "resolutionsSince"), null);
        }
        Map<String, Object> checkpoint = WireFormat.checkpoint(replica.checkpoint());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkpoint", checkpoint);
        if (resolved != null) {
            body.put("resolutions", resolved);
        }
        body.putAll(page(ctx, request));
        JsonAnswers.send(ctx, body);
    }

    /** The parameters of a page of changes, checked. */
    private static final class PageRequest {
        final long since;
        final int pageSize;
        final ChangeCursor cursor;
        final Filter filter;
        final boolean withData;

        private PageRequest(long since, int pageSize, ChangeCursor cursor, Filter filter, boolean withData) {
            this.since = since;
            this.pageSize = pageSize;
            this.cursor = cursor;
            this.filter = filter;
            this.withData = withData;
        }
    }

    /** The parameters of a page of changes, checked before anything is done. */
    private PageRequest pageRequest(Context ctx) {
        Long since = Requests.number(ctx, "since");
        Long limit = Requests.number(ctx, "limit");
        Long afterCheckpoint = Requests.number(ctx, "afterCheckpoint");
        String afterModelId = ctx.queryParam("afterModelId");
        if (since == null) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"since\" is required");
        }
        int pageSize = limit == null ? 500 : (int) Math.max(1, Math.min(MAX_PAGE, limit));
        if ((afterCheckpoint == null) != (afterModelId == null)) {
            throw SyncException.badRequest("INVALID_PARAMETER",
                    "\"afterCheckpoint\" and \"afterModelId\" go together");
        }
        ChangeCursor cursor = afterCheckpoint == null ? null : new ChangeCursor(afterCheckpoint, afterModelId);
        Filter filter = Filter.parse(model, queryJson(ctx, "filter"));
        return new PageRequest(since, pageSize, cursor, filter, "true".equals(ctx.queryParam("withData")));
    }

    /** The page a request asks for, as the caller may see it, in the answer's form. */
    private Map<String, Object> page(Context ctx, PageRequest request) {
        ChangesPage page = replica(ctx).changesPage(request.since, request.filter, request.cursor, request.pageSize,
                false);
        events.pulled(ctx, model, request.since, page.changes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", WireFormat.changes(page.changes()));
        if (page.next() != null) {
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("checkpoint", page.next().checkpoint());
            next.put("modelId", page.next().modelId());
            body.put("next", next);
        } else {
            body.put("next", null);
        }
        if (request.withData) {
            // read with the page, each record matches its change's rev: our clients skip create-updates
            body.put("data", page.records());
        }
        return body;
    }

    private void diff(Context ctx) {
        events.sync(ctx, model);
        Long since = Requests.number(ctx, "since");
        List<Change> changes = WireFormat.readChanges(replicationBody(ctx));
        LocalReplica scoped = replica(ctx);
        DiffResult result = scoped.diff(since, changes);
        events.pushed(ctx, model, changes);
        events.diffConflicts(ctx, scoped, changes, result);
        JsonAnswers.send(ctx, WireFormat.diffResult(result));
    }

    private void createUpdates(Context ctx) {
        events.sync(ctx, model);
        List<Change> deltas = WireFormat.readChanges(replicationBody(ctx));
        JsonAnswers.send(ctx, WireFormat.updates(replica(ctx).createUpdates(deltas)));
    }

    private void bulkUpdate(Context ctx) {
        events.sync(ctx, model);
        List<Update> updates = WireFormat.readBulkUpdateBody(replicationBody(ctx));
        List<Update> conflicts = applyUpdates(ctx, replica(ctx), updates);
        if (conflicts.isEmpty()) {
            ctx.status(204);
            return;
        }
        List<Object> echoed = new ArrayList<>();
        for (Update u : conflicts) {
            echoed.add(u.wireChange() != null ? u.wireChange() : WireFormat.change(u.change()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conflicts", echoed);
        throw new SyncException(409, "Error", null, "Conflict", details);
    }

    /** Applies a bulk-update and reports what it pushed, wrote and conflicted with; returns the conflicts. */
    private List<Update> applyUpdates(Context ctx, LocalReplica scoped, List<Update> updates) {
        List<Update> conflicts = scoped.bulkUpdate(updates);
        events.pushed(ctx, model, changesOf(updates));
        events.changed(ctx, model, applied(updates, conflicts));
        events.bulkUpdateApplied(ctx, scoped, appliedUpdates(updates, conflicts));
        events.bulkUpdateConflicts(ctx, scoped, conflicts);
        publishApplied(scoped, updates, conflicts);
        return conflicts;
    }

    /**
     * Our combined push ({@code POST /sync/<plural>/push?since=N}, PROTOCOL.md 9.8): the body of a bulk-update,
     * holding every change of the client's batch with its data; the server diffs the changes and applies the deltas
     * with that data, as its diff and bulk-update endpoints would one after the other, and answers
     * {@code {"updates":n,"conflicts":[the server's changes],"rejected":[the changes that lost a race]}}.
     */
    private void push(Context ctx) {
        events.sync(ctx, model);
        Long since = Requests.number(ctx, "since");
        List<Update> sent = WireFormat.readBulkUpdateBody(replicationBody(ctx));
        LocalReplica scoped = replica(ctx);
        List<Change> changes = changesOf(sent);
        DiffResult diff = scoped.diff(since, changes);
        events.pushed(ctx, model, changes);
        events.pushConflicts(ctx, scoped, sent, diff);
        List<Update> updates = Update.forDeltas(diff.deltas(), sent);
        List<Change> rejected = new ArrayList<>();
        if (!updates.isEmpty()) {
            rejected = changesOf(applyUpdates(ctx, scoped, updates));
        }
        JsonAnswers.send(ctx, WireFormat.appliedChanges(new AppliedChanges(updates.size(), diff.conflicts(),
                rejected)));
    }

    private static List<Change> changesOf(List<Update> updates) {
        List<Change> out = new ArrayList<>(updates.size());
        for (Update u : updates) {
            out.add(u.change());
        }
        return out;
    }

    /** Updates that were applied: every create, update and delete that did not conflict. */
    private static int applied(List<Update> updates, List<Update> conflicts) {
        int n = 0;
        for (Update u : updates) {
            if (u.type() != ChangeType.UNKNOWN) {
                n++;
            }
        }
        return n - conflicts.size();
    }

    /** The updates that were applied, in request order: those of {@link #applied} by item. */
    private static List<Update> appliedUpdates(List<Update> updates, List<Update> conflicts) {
        Set<String> conflicting = new HashSet<>();
        for (Update u : conflicts) {
            conflicting.add(u.change().modelId());
        }
        List<Update> out = new ArrayList<>(updates.size());
        for (Update u : updates) {
            if (u.type() != ChangeType.UNKNOWN && !conflicting.contains(u.change().modelId())) {
                out.add(u);
            }
        }
        return out;
    }

    private void publishApplied(LocalReplica scoped, List<Update> updates, List<Update> conflicts) {
        if (!stream.hasClients()) {
            return;
        }
        Set<String> conflicting = new HashSet<>();
        for (Update u : conflicts) {
            conflicting.add(u.change().modelId());
        }
        for (Update u : updates) {
            String id = u.change().modelId();
            if (conflicting.contains(id)) {
                continue;
            }
            if (u.type() == ChangeType.DELETE) {
                stream.removed(scoped.owner(), id);
            } else if (u.type() != ChangeType.UNKNOWN) {
                Map<String, Object> record = scoped.findById(id);
                if (record != null) {
                    stream.saved(scoped.owner(), id, record, u.type() == ChangeType.CREATE);
                }
            }
        }
    }

    private void findLastChange(Context ctx) {
        events.sync(ctx, model);
        Change c = replica(ctx).findLastChange(ctx.pathParam("id"));
        JsonAnswers.send(ctx, c == null ? null : WireFormat.change(c));
    }

    private void updateLastChange(Context ctx) {
        events.sync(ctx, model);
        Change c = replica(ctx).updateLastChange(ctx.pathParam("id"), record(ctx));
        JsonAnswers.send(ctx, WireFormat.change(c));
    }
}
