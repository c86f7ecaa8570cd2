package dev.isosync.server.admin;

import dev.isosync.change.Change;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.http.JsonAnswers;
import dev.isosync.server.http.ModelApi;
import dev.isosync.server.http.RequestLimits;
import dev.isosync.server.http.Requests;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import dev.isosync.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API under {@code /admin/api/}, guarded by {@link AdminAuth}. Every answer is JSON (the API never
 * renders HTML, so record data travels as JSON strings whatever it holds):
 *
 * <ul>
 *   <li>{@code GET overview}: per model its records, tombstones, the store's checkpoint, changes per minute
 *       over the last ten minutes and open conflicts;</li>
 *   <li>{@code GET clients?staleAfter=<seconds>}: every client with its checkpoints, its lag behind the
 *       server, requests and errors, and whether it is stale (not synced, pulled or pushed, for
 *       {@code staleAfter});</li>
 *   <li>{@code GET conflicts?state=open|resolved&model=&limit=}: the inbox or its history, newest first, both
 *       versions and the fields in which they differ;</li>
 *   <li>{@code POST conflicts/{id}/resolve} with {@code {"keep":"server"|"client"|"merge","data"?}}
 *       ({@link ConflictResolver});</li>
 *   <li>{@code GET models/{model}/records?filter=&tombstoneLimit=}: records with their change rows, and the
 *       model's tombstones;</li>
 *   <li>{@code GET activity?minutes=&model=}: per-minute changes, sync requests and new conflicts;</li>
 *   <li>{@code GET models/{model}/change-stream}: the model's change stream with every owner's events, in the
 *       format of {@code /api/<plural>/change-stream} (the console's live feed). Unlike that one it needs the
 *       admin credential and never the model's ACLs, and the sign-in cookie, scoped to {@code /admin}, reaches
 *       it.</li>
 * </ul>
 */
public final class AdminApi {
    /** Conflicts listed when no limit is given, and the most one request may ask for. */
    static final int DEFAULT_CONFLICTS = 500;
    static final int MAX_CONFLICTS = 5000;
    /** The longest activity window: the retention of {@link AdminStore} with a day to spare. */
    static final int MAX_ACTIVITY_MINUTES = 7 * 24 * 60;
    /** Tombstones listed by the record browser when no limit is given, and the most it lists. */
    static final int DEFAULT_TOMBSTONES = 100;
    static final int MAX_TOMBSTONES = 1000;
    /** Minutes over which the overview averages changes per minute. */
    static final int RATE_MINUTES = 10;
    /** Change rows read per page when the record browser looks for tombstones. */
    private static final int SCAN_PAGE = 1000;
    private static final long MAX_STALE_SECONDS = 100L * 365 * 24 * 3600;

    private final Map<String, ModelApi> models = new LinkedHashMap<>();
    private final Store store;
    private final SyncRecorder recorder;
    private final Duration staleAfter;
    private final long bodyLimit;
    private final RequestLimits limits;
    private final ConflictResolver resolver;

    /**
     * @param models     the served models' APIs (their replicas and change streams)
     * @param store      the server's store
     * @param recorder   the recorder feeding the admin store
     * @param config     the server's settings: when a client is stale (unless a request says otherwise), the largest
     *     request body (a merged record) and the limits on the strings of bodies and filters
     */
    public AdminApi(List<ModelApi> models, Store store, SyncRecorder recorder, ServerConfig config) {
        for (ModelApi m : models) {
            this.models.put(m.replica().model().name(), m);
        }
        this.store = store;
        this.recorder = recorder;
        this.staleAfter = config.staleAfter();
        this.bodyLimit = config.bodyLimit();
        this.limits = config.limits();
        this.resolver = new ConflictResolver(this.models, recorder);
    }

    /** Registers the endpoints. */
    public void register(RoutesConfig routes) {
        routes.get("/admin/api/overview", this::overview);
        routes.get("/admin/api/clients", this::clients);
        routes.get("/admin/api/conflicts", this::conflicts);
        routes.post("/admin/api/conflicts/{id}/resolve", ctx -> JsonAnswers.send(ctx, conflictJson(
                Collections.singletonList(resolver.resolve(ctx.pathParam("id"),
                        checked(Requests.body(ctx, bodyLimit))))).get(0)));
        routes.get("/admin/api/models/{model}/records", this::records);
        routes.get("/admin/api/activity", this::activity);
        for (ModelApi api : models.values()) {
            // AdminAuth's before-handler refuses a caller without the credential before the stream is committed
            routes.sse("/admin/api/models/" + api.replica().model().name() + "/change-stream",
                    client -> api.stream().addForEveryOwner(client));
        }
    }

    private void overview(Context ctx) {
        long now = recorder.now();
        long minute = Math.floorDiv(now, 60_000L);
        Map<String, Long> changes = new HashMap<>();
        for (ActivityBucket b : recorder.store().activity(minute - RATE_MINUTES + 1, minute + 1)) {
            changes.merge(b.model(), b.changes(), Long::sum);
        }
        Map<String, Long> open = recorder.store().openConflictCounts();
        List<Object> list = new ArrayList<>();
        long checkpoint = 0;
        for (ModelApi api : models.values()) {
            ModelDefinition model = api.replica().model();
            long[] counts = store.read(tx -> new long[] {tx.count(model, Where.ALL), tx.countChanges(model),
                    tx.currentCheckpoint()});
            checkpoint = counts[2];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", model.name());
            m.put("plural", model.plural());
            m.put("records", counts[0]);
            // every record has a change row (written in its transaction); the rows left over are tombstones
            m.put("tombstones", Math.max(0, counts[1] - counts[0]));
            m.put("checkpoint", counts[2]);
            m.put("changesPerMinute", changes.getOrDefault(model.name(), 0L) / (double) RATE_MINUTES);
            m.put("openConflicts", open.getOrDefault(model.name(), 0L));
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", Timestamps.iso(now));
        body.put("sourceId", store.sourceId());
        body.put("checkpoint", models.isEmpty() ? store.read(tx -> tx.currentCheckpoint()) : checkpoint);
        body.put("models", list);
        JsonAnswers.send(ctx, body);
    }

    private void clients(Context ctx) {
        Long stale = Requests.number(ctx, "staleAfter");
        if (stale != null && (stale < 0 || stale > MAX_STALE_SECONDS)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"staleAfter\" must be seconds from 0 to "
                    + MAX_STALE_SECONDS + ", got " + stale);
        }
        long staleSeconds = stale != null ? stale : staleAfter.getSeconds();
        long now = recorder.now();
        long checkpoint = store.read(tx -> tx.currentCheckpoint());
        List<Object> list = new ArrayList<>();
        for (ClientRecord c : recorder.store().clients()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.identity().id());
            m.put("kind", c.identity().kind().wireName());
            m.put("firstSeen", Timestamps.iso(c.firstSeen()));
            m.put("lastSeen", Timestamps.iso(c.lastSeen()));
            m.put("lastPulledCheckpoint", c.lastPulledCheckpoint());
            m.put("lastPulledAt", Timestamps.iso(c.lastPulledAt()));
            m.put("lastPushedCheckpoint", c.lastPushedCheckpoint());
            m.put("lastPushedAt", Timestamps.iso(c.lastPushedAt()));
            m.put("lastSyncedAt", Timestamps.iso(c.lastSyncedAt()));
            // the client holds the server's changes through its last pull: the checkpoints since then are how far
            // behind it is, and the time since then how long it may have been behind (none when it is not)
            Long lag = c.lastPulledCheckpoint() == null ? null : Math.max(0, checkpoint - c.lastPulledCheckpoint());
            m.put("lagCheckpoints", lag);
            m.put("lagSeconds", lag == null ? null : lag == 0 ? 0 : Math.max(0, now - c.lastPulledAt()) / 1000);
            m.put("requests", c.requests());
            m.put("errors", c.errors());
            // stale: not synced for that long; other requests (reads, writes, checkpoints) do not count, and a
            // client that never synced counts from when it was first seen
            long synced = c.lastSyncedAt() != null ? c.lastSyncedAt() : c.firstSeen();
            m.put("stale", now - synced > staleSeconds * 1000);
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", Timestamps.iso(now));
        body.put("serverCheckpoint", checkpoint);
        body.put("staleAfter", staleSeconds);
        body.put("clients", list);
        JsonAnswers.send(ctx, body);
    }

    private void conflicts(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("open") && !state.equals("resolved")) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"state\" must be \"open\" or \"resolved\", got "
                    + Json.write(state));
        }
        String model = ctx.queryParam("model");
        if (model != null && !models.containsKey(model)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"model\" must be one of " + models.keySet()
                    + ", got " + Json.write(model));
        }
        Long limit = Requests.number(ctx, "limit");
        if (limit != null && (limit < 1 || limit > MAX_CONFLICTS)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"limit\" must be 1 to " + MAX_CONFLICTS + ", got "
                    + limit);
        }
        boolean resolved = "resolved".equals(state);
        List<ConflictRecord> found = recorder.store().conflicts(resolved, model,
                limit == null ? DEFAULT_CONFLICTS : limit.intValue());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", resolved ? "resolved" : "open");
        body.put("conflicts", conflictJson(found));
        JsonAnswers.send(ctx, body);
    }

    /** Renders conflicts; open ones are compared with the server's change rows now, read per model at once. */
    private List<Object> conflictJson(List<ConflictRecord> conflicts) {
        Map<String, List<String>> openIds = new HashMap<>();
        for (ConflictRecord c : conflicts) {
            if (c.isOpen() && models.containsKey(c.report().model())) {
                openIds.computeIfAbsent(c.report().model(), k -> new ArrayList<>()).add(c.report().modelId());
            }
        }
        Map<String, Map<String, Change>> rows = new HashMap<>();
        for (Map.Entry<String, List<String>> e : openIds.entrySet()) {
            ModelDefinition model = models.get(e.getKey()).replica().model();
            Map<String, Change> byId = new HashMap<>();
            for (Change c : store.read(tx -> tx.findChanges(model, e.getValue()))) {
                byId.put(c.modelId(), c);
            }
            rows.put(e.getKey(), byId);
        }
        List<Object> out = new ArrayList<>();
        for (ConflictRecord c : conflicts) {
            ModelApi api = models.get(c.report().model());
            Map<String, Change> byId = rows.getOrDefault(c.report().model(), Collections.emptyMap());
            out.add(ConflictJson.of(c, api == null ? null : api.replica().model(), byId.get(c.report().modelId())));
        }
        return out;
    }

    private void records(Context ctx) {
        String name = ctx.pathParam("model");
        ModelApi api = models.get(name);
        if (api == null) {
            throw SyncException.notFound("UNKNOWN_MODEL", "Unknown model " + Json.write(name) + "; this server has "
                    + models.keySet());
        }
        ModelDefinition model = api.replica().model();
        Filter filter = Filter.parse(model, checked(Requests.json(ctx, "filter")));
        Long limit = Requests.number(ctx, "tombstoneLimit");
        if (limit != null && (limit < 0 || limit > MAX_TOMBSTONES)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"tombstoneLimit\" must be 0 to " + MAX_TOMBSTONES
                    + ", got " + limit);
        }
        int tombstoneLimit = limit == null ? DEFAULT_TOMBSTONES : limit.intValue();
        Map<String, Object> body = store.read(tx -> {
            List<Map<String, Object>> found = tx.find(model, filter);
            List<String> ids = new ArrayList<>();
            for (Map<String, Object> r : found) {
                ids.add((String) r.get(model.idName()));
            }
            Map<String, Change> changes = new HashMap<>();
            for (Change c : tx.findChanges(model, ids)) {
                changes.put(c.modelId(), c);
            }
            List<Object> records = new ArrayList<>();
            for (Map<String, Object> r : found) {
                String id = (String) r.get(model.idName());
                records.add(row(id, filter.project(model.visible(r)), changes.get(id)));
            }
            // tombstones have no data for a filter to match: the newest ones are listed apart
            Deque<Change> newest = new ArrayDeque<>();
            long tombstones = 0;
            ChangeCursor cursor = null;
            List<Change> page;
            do {
                page = tx.changes(model, Long.MIN_VALUE, Long.MAX_VALUE, cursor, SCAN_PAGE);
                for (Change c : page) {
                    if (c.rev() == null) {
                        tombstones++;
                        newest.addFirst(c);
                        if (newest.size() > tombstoneLimit) {
                            newest.removeLast();
                        }
                    }
                }
                cursor = page.isEmpty() ? null : ChangeCursor.after(page.get(page.size() - 1));
            } while (page.size() == SCAN_PAGE);
            List<Object> dead = new ArrayList<>();
            for (Change c : newest) {
                dead.add(row(c.modelId(), null, c));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.name());
            m.put("checkpoint", tx.currentCheckpoint());
            m.put("records", records);
            m.put("tombstoneCount", tombstones);
            m.put("tombstones", dead);
            return m;
        });
        JsonAnswers.send(ctx, body);
    }

    private static Map<String, Object> row(String id, Map<String, Object> data, Change change) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modelId", id);
        m.put("data", data);
        m.put("change", change == null ? null : WireFormat.change(change));
        return m;
    }

    private void activity(Context ctx) {
        Long minutes = Requests.number(ctx, "minutes");
        if (minutes != null && (minutes < 1 || minutes > MAX_ACTIVITY_MINUTES)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"minutes\" must be 1 to " + MAX_ACTIVITY_MINUTES
                    + ", got " + minutes);
        }
        String model = ctx.queryParam("model");
        if (model != null && !models.containsKey(model)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"model\" must be one of " + models.keySet()
                    + ", got " + Json.write(model));
        }
        int span = minutes == null ? 60 : minutes.intValue();
        long now = Math.floorDiv(recorder.now(), 60_000L);
        long from = now - span + 1;
        long[][] totals = new long[span][3];
        for (ActivityBucket b : recorder.store().activity(from, now + 1)) {
            if (model == null || model.equals(b.model())) {
                long[] t = totals[(int) (b.minute() - from)];
                t[0] += b.changes();
                t[1] += b.syncs();
                t[2] += b.conflicts();
            }
        }
        List<Object> buckets = new ArrayList<>(span);
        for (int i = 0; i < span; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minute", Timestamps.iso((from + i) * 60_000L));
            m.put("changes", totals[i][0]);
            m.put("syncs", totals[i][1]);
            m.put("conflicts", totals[i][2]);
            buckets.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minutes", span);
        body.put("model", model);
        body.put("buckets", buckets);
        JsonAnswers.send(ctx, body);
    }

    /** A body or filter whose strings are within the limits and hold no U+0000 (which PostgreSQL cannot take). */
    private Object checked(Object json) {
        limits.checkStrings(json);
        return json;
    }
}
