package dev.isosync.server.http;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import dev.isosync.server.ServerConfig;
import dev.isosync.store.ChangeCursor;
import dev.isosync.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
 * change list under {@code /sync/<plural>/changes} (PROTOCOL.md 9.8). What each request pulls, pushes, writes
 * and conflicts with is reported to {@link SyncEvents}.
 */
public final class ModelApi {
    /** Largest page of the keyset-paged change list. */
    static final int MAX_PAGE = 10_000;

    private final LocalReplica replica;
    private final ModelDefinition model;
    private final ChangeStream stream;
    private final ServerConfig config;
    private final SyncEvents events;

    /**
     * @param replica the model's replica on the server's store
     * @param stream  the model's change stream
     * @param config  limits
     * @param events  told what each request pulled, pushed, wrote and conflicted with
     */
    public ModelApi(LocalReplica replica, ChangeStream stream, ServerConfig config, SyncEvents events) {
        this.replica = replica;
        this.model = replica.model();
        this.stream = stream;
        this.config = config;
        this.events = events;
    }

    /** The model's replica on the server's store. */
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
        routes.get(base + "/changes", this::changes);
        routes.post(base + "/diff", this::diff);
        routes.post(base + "/checkpoint", ctx -> {
            events.sync(ctx, model);
            json(ctx, WireFormat.checkpoint(replica.checkpoint()));
        });
        routes.get(base + "/checkpoint", ctx -> {
            events.sync(ctx, model);
            json(ctx, replica.currentCheckpoint());
        });
        routes.post(base + "/create-updates", this::createUpdates);
        routes.post(base + "/bulk-update", this::bulkUpdate);
        routes.sse(base + "/change-stream", stream::add);
        routes.get(base + "/findOne", this::findOne);
        routes.get(base + "/count", this::count);
        routes.get(base, ctx -> json(ctx, replica.find(Filter.parse(model, Requests.json(ctx, "filter")))));
        routes.post(base, this::create);
        routes.patch(base, ctx -> saved(ctx, replica.upsert(record(ctx)), false));
        routes.put(base, ctx -> saved(ctx, replica.replaceOrCreate(record(ctx)), false));
        routes.get(base + "/{id}/exists", ctx -> json(ctx, Collections.singletonMap("exists",
                replica.findById(ctx.pathParam("id")) != null)));
        routes.get(base + "/{id}/changes/last", this::findLastChange);
        routes.put(base + "/{id}/changes/last", this::updateLastChange);
        routes.get(base + "/{id}", this::findById);
        routes.put(base + "/{id}", ctx -> saved(ctx, replica.replaceById(ctx.pathParam("id"), record(ctx)), false));
        routes.patch(base + "/{id}", ctx -> saved(ctx, replica.patchById(ctx.pathParam("id"), record(ctx)), false));
        routes.delete(base + "/{id}", this::deleteById);
        routes.get("/sync/" + model.plural() + "/changes", this::changesPage);
    }

    private Map<String, Object> record(Context ctx) {
        return Requests.objectBody(ctx, config.bodyLimit());
    }

    private void create(Context ctx) {
        Object body = Requests.body(ctx, config.bodyLimit());
        if (body instanceof List) {
            throw SyncException.badRequest("INVALID_BODY", "POST " + ctx.path()
                    + " takes one JSON object; arrays are not supported");
        }
        if (!(body instanceof Map)) {
            throw SyncException.badRequest("INVALID_BODY", "POST " + ctx.path() + " takes a JSON object, got "
                    + WireFormat.kind(body));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> created = replica.create((Map<String, Object>) body);
        saved(ctx, created, true);
    }

    private void saved(Context ctx, Map<String, Object> record, boolean created) {
        events.changed(ctx, model, 1);
        stream.saved((String) record.get(model.idName()), record, created);
        json(ctx, record);
    }

    private void findById(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> record = replica.findById(id);
        if (record == null) {
            throw replica.unknownId(id);
        }
        Object filter = Requests.json(ctx, "filter");
        json(ctx, Filter.parse(model, filter).project(record));
    }

    private void findOne(Context ctx) {
        Object json = Requests.json(ctx, "filter");
        Filter filter = Filter.parse(model, json);
        List<Map<String, Object>> found = replica.find(filter);
        if (found.isEmpty()) {
            throw SyncException.notFound("MODEL_NOT_FOUND", "Unknown \"" + model.name() + "\" instance for filter "
                    + (json == null ? "{}" : Json.write(json)) + ".");
        }
        json(ctx, found.get(0));
    }

    private void count(Context ctx) {
        Where where = Where.parse(model, Requests.json(ctx, "where"));
        json(ctx, Collections.singletonMap("count", replica.count(where)));
    }

    private void deleteById(Context ctx) {
        String id = ctx.pathParam("id");
        boolean deleted = replica.deleteById(id);
        if (deleted) {
            events.changed(ctx, model, 1);
            stream.removed(id);
        }
        json(ctx, Collections.singletonMap("count", deleted ? 1 : 0));
    }

    private void changes(Context ctx) {
        events.sync(ctx, model);
        Long since = Requests.number(ctx, "since");
        Filter filter = Filter.parse(model, Requests.json(ctx, "filter"));
        if (since == null) {
            json(ctx, Collections.emptyList()); // LoopBack answers [] without since (PROTOCOL.md 2.4)
            return;
        }
        List<Change> changes = replica.changes(since, filter);
        events.pulled(ctx, model, since, changes);
        json(ctx, WireFormat.changes(changes));
    }

    private void changesPage(Context ctx) {
        events.sync(ctx, model);
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
        Filter filter = Filter.parse(model, Requests.json(ctx, "filter"));
        ChangesPage page = replica.changesPage(since, filter, cursor, pageSize, false);
        events.pulled(ctx, model, since, page.changes());
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
        json(ctx, body);
    }

    private void diff(Context ctx) {
        events.sync(ctx, model);
        Long since = Requests.number(ctx, "since");
        List<Change> changes = WireFormat.readChanges(Requests.body(ctx, config.replicationBodyLimit()));
        DiffResult result = replica.diff(since, changes);
        events.pushed(ctx, model, changes);
        events.diffConflicts(ctx, replica, changes, result);
        json(ctx, WireFormat.diffResult(result));
    }

    private void createUpdates(Context ctx) {
        events.sync(ctx, model);
        List<Change> deltas = WireFormat.readChanges(Requests.body(ctx, config.replicationBodyLimit()));
        json(ctx, WireFormat.updates(replica.createUpdates(deltas)));
    }

    private void bulkUpdate(Context ctx) {
        events.sync(ctx, model);
        List<Update> updates = WireFormat.readBulkUpdateBody(Requests.body(ctx, config.replicationBodyLimit()));
        List<Update> conflicts = replica.bulkUpdate(updates);
        List<Change> pushed = new ArrayList<>(updates.size());
        for (Update u : updates) {
            pushed.add(u.change());
        }
        events.pushed(ctx, model, pushed);
        events.changed(ctx, model, applied(updates, conflicts));
        events.bulkUpdateConflicts(ctx, replica, conflicts);
        publishApplied(updates, conflicts);
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

    private void publishApplied(List<Update> updates, List<Update> conflicts) {
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
                stream.removed(id);
            } else if (u.type() != ChangeType.UNKNOWN) {
                Map<String, Object> record = replica.findById(id);
                if (record != null) {
                    stream.saved(id, record, u.type() == ChangeType.CREATE);
                }
            }
        }
    }

    private void findLastChange(Context ctx) {
        events.sync(ctx, model);
        Change c = replica.findLastChange(ctx.pathParam("id"));
        json(ctx, c == null ? null : WireFormat.change(c));
    }

    private void updateLastChange(Context ctx) {
        events.sync(ctx, model);
        Change c = replica.updateLastChange(ctx.pathParam("id"), Requests.objectBody(ctx, config.bodyLimit()));
        json(ctx, WireFormat.change(c));
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(Json.write(value));
    }
}
