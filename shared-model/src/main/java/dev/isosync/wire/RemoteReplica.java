package dev.isosync.wire;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.replica.AppliedChanges;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.CheckpointedPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.Replica;
import dev.isosync.replica.Update;
import dev.isosync.replication.AdminResolution;
import dev.isosync.replication.ConflictInbox;
import dev.isosync.replication.ReportedConflict;
import dev.isosync.replication.ResolutionsPage;
import dev.isosync.replication.ResolvedConflict;
import dev.isosync.store.ChangeCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replica on a server, reached over HTTP with LoopBack's endpoints and wire format (PROTOCOL.md 4), plus
 * our extensions under {@code /sync}: the keyset-paged change list, the combined push and the conflict inbox.
 * Written once for every platform over an {@link HttpTransport}.
 */
public final class RemoteReplica implements Replica, ConflictInbox {
    private final HttpTransport http;
    private final ModelDefinition model;
    private final String base;
    private final String extensionBase;
    /** Whether the server has our combined push; false once it answered that it has not. */
    private boolean combinedPush = true;
    /** Whether the server has our combined checkpoint and page; false once it answered that it has not. */
    private boolean combinedPull = true;
    /** The resolutions to ask for with the next combined pull, from this sequence number on; or {@code null}. */
    private Long resolutionsWanted;
    /** Resolutions that came with a pull, for {@link #resolutions} to answer once; or {@code null}. */
    private ResolutionsPage resolutionsReceived;
    private long resolutionsReceivedSince;

    /**
     * @param http  the transport to the server's origin
     * @param model the model, whose plural names the REST path
     */
    public RemoteReplica(HttpTransport http, ModelDefinition model) {
        this.http = http;
        this.model = model;
        this.base = "/api/" + model.plural();
        this.extensionBase = "/sync/" + model.plural();
    }

    @Override
    public ModelDefinition model() {
        return model;
    }

    @Override
    public Checkpoint checkpoint() {
        return WireFormat.readCheckpoint(call("POST", base + "/checkpoint", null));
    }

    @Override
    public long currentCheckpoint() {
        Object n = call("GET", base + "/checkpoint", null);
        if (!(n instanceof Number)) {
            throw unexpected("GET " + base + "/checkpoint", Json.write(n));
        }
        return (long) ((Number) n).doubleValue();
    }

    @Override
    public List<Change> changes(long since, Filter filter) {
        String path = base + "/changes?since=" + since;
        if (filter.json() != null) {
            path += "&filter=" + UrlEncoding.encode(Json.write(filter.json()));
        } else if (filter != Filter.ALL) {
            throw new IllegalArgumentException("a filter sent to a remote must be parsed from JSON (Filter.parse)");
        }
        return WireFormat.readChanges(call("GET", path, null));
    }

    @Override
    public ChangesPage changesPage(long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes) {
        return nextChangesPage(since, filter, cursor, limit, excludeEchoes).get();
    }

    /** Sends the request at once when the transport can have it travel meanwhile (the browser's can). */
    @Override
    public NextPage nextChangesPage(long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes) {
        String path = extensionBase + "/changes" + pageQuery(since, filter, cursor, limit);
        HttpTransport.Pending pending = http.start("GET", path, null);
        return () -> readPage("GET " + path, answer("GET", path, pending.await()));
    }

    /**
     * The checkpoint and the first page in one request to our server's {@code POST /sync/<plural>/pull}, which bumps
     * the checkpoint and then reads the page, as the two calls would. A server without it (LoopBack, or an older one
     * of ours: 404 or 405) gets the two requests, from then on; so does a caller it refuses (401), whose two
     * requests then get the refusals they get anyway.
     */
    @Override
    public CheckpointedPage checkpointAndChangesPage(long since, Filter filter, ChangeCursor cursor, int limit,
            boolean excludeEchoes) {
        return startCheckpointAndChangesPage(since, filter, cursor, limit, excludeEchoes).get();
    }

    /** {@link #checkpointAndChangesPage}, its request sent when the transport starts requests (the browser's does). */
    @Override
    public NextCheckpointedPage startCheckpointAndChangesPage(long since, Filter filter, ChangeCursor cursor,
            int limit, boolean excludeEchoes) {
        if (!combinedPull) {
            return () -> Replica.super.checkpointAndChangesPage(since, filter, cursor, limit, excludeEchoes);
        }
        Long withResolutions = resolutionsWanted;
        resolutionsWanted = null;
        String path = extensionBase + "/pull" + pageQuery(since, filter, cursor, limit)
                + (withResolutions == null ? "" : "&resolutionsSince=" + withResolutions);
        HttpTransport.Pending pending = http.start("POST", path, null);
        return () -> combinedPullAnswer(path, pending.await(), withResolutions, since, filter, cursor, limit,
                excludeEchoes);
    }

    @SuppressWarnings("unchecked")
    private CheckpointedPage combinedPullAnswer(String path, HttpTransport.Response r, Long withResolutions,
            long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes) {
        if (r.status() == 404 || r.status() == 405) {
            combinedPull = false;
        }
        if (r.status() == 404 || r.status() == 405 || r.status() == 401) {
            return Replica.super.checkpointAndChangesPage(since, filter, cursor, limit, excludeEchoes);
        }
        if (r.status() >= 400) {
            throw error("POST " + path, r);
        }
        Object body = parse("POST " + path, r);
        if (!(body instanceof Map)) {
            throw unexpected("POST " + path, Json.write(body));
        }
        Map<String, Object> answer = (Map<String, Object>) body;
        Checkpoint checkpoint = WireFormat.readCheckpoint(answer.get("checkpoint"));
        if (withResolutions != null) {
            resolutionsReceived = readResolutions("POST " + path, answer.get("resolutions"));
            resolutionsReceivedSince = withResolutions;
        }
        return new CheckpointedPage(checkpoint, readPage("POST " + path, body));
    }

    @Override
    public void resolutionsWithNextPull(long since) {
        resolutionsWanted = combinedPull ? since : null;
        resolutionsReceived = null;
    }

    /** The query of a page request; withData: each live change comes with its record (no create-updates). */
    private static String pageQuery(long since, Filter filter, ChangeCursor cursor, int limit) {
        StringBuilder query = new StringBuilder("?since=").append(since).append("&limit=").append(limit)
                .append("&withData=true");
        if (cursor != null) {
            query.append("&afterCheckpoint=").append(cursor.checkpoint()).append("&afterModelId=")
                    .append(UrlEncoding.encode(cursor.modelId()));
        }
        if (filter.json() != null) {
            query.append("&filter=").append(UrlEncoding.encode(Json.write(filter.json())));
        } else if (filter.where() != dev.isosync.query.Where.ALL) {
            throw new IllegalArgumentException("a filter sent to a remote must be parsed from JSON (Filter.parse)");
        }
        return query.toString();
    }

    @SuppressWarnings("unchecked")
    private static ChangesPage readPage(String request, Object body) {
        if (!(body instanceof Map)) {
            throw unexpected(request, Json.write(body));
        }
        Map<String, Object> m = (Map<String, Object>) body;
        List<Change> changes = WireFormat.readChanges(m.get("changes"));
        ChangeCursor next = null;
        if (m.get("next") instanceof Map) {
            Map<String, Object> n = (Map<String, Object>) m.get("next");
            next = new ChangeCursor((long) ((Number) n.get("checkpoint")).doubleValue(), (String) n.get("modelId"));
        }
        Map<String, Map<String, Object>> records = null;
        if (m.get("data") instanceof Map) {
            records = new java.util.HashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m.get("data")).entrySet()) {
                if (!(e.getValue() instanceof Map)) {
                    throw unexpected(request, "the record of " + Json.write(e.getKey()) + " is "
                            + Json.write(e.getValue()));
                }
                records.put(e.getKey(), (Map<String, Object>) e.getValue());
            }
        }
        return new ChangesPage(changes, next, records);
    }

    @Override
    public DiffResult diff(Long since, List<Change> sourceChanges) {
        String path = base + "/diff" + (since == null ? "" : "?since=" + since);
        return WireFormat.readDiffResult(call("POST", path, Json.write(WireFormat.changes(sourceChanges))));
    }

    @Override
    public List<Update> createUpdates(List<Change> deltas) {
        Object body = call("POST", base + "/create-updates", Json.write(WireFormat.changes(deltas)));
        return WireFormat.readUpdates(body);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Update> bulkUpdate(List<Update> updates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("updates", WireFormat.updates(updates));
        HttpTransport.Response r = http.send("POST", base + "/bulk-update", Json.write(body));
        if (r.status() == 204 || r.status() == 200) {
            return new ArrayList<>();
        }
        SyncException error = error("POST " + base + "/bulk-update", r);
        if (r.status() != 409 || error.details() == null || !(error.details().get("conflicts") instanceof List)) {
            throw error;
        }
        // the 409 names the conflicting changes; everything else was applied (PROTOCOL.md 2.7)
        Map<String, Update> byId = new HashMap<>();
        for (Update u : updates) {
            byId.put(u.change().modelId(), u);
        }
        List<Update> conflicts = new ArrayList<>();
        for (Change c : WireFormat.readChanges(error.details().get("conflicts"))) {
            Update u = byId.get(c.modelId());
            if (u != null) {
                conflicts.add(u);
            }
        }
        return conflicts;
    }

    /**
     * Diff and bulk-update in one request to our server's {@code POST /sync/<plural>/push}, which runs the same two
     * steps on its side: one round trip and one body per batch instead of two each. A server without it (LoopBack,
     * or an older one of ours: 404 or 405) gets the two LoopBack requests, from then on. So does a caller the
     * server refuses (401): it may diff but not write, and a push of changes the server already has needs no write.
     */
    @Override
    public AppliedChanges applyChanges(Long since, List<Update> updates) {
        return startApplyChanges(since, updates).get();
    }

    /** {@link #applyChanges}, its request sent before this returns; the answer is read when asked for. */
    @Override
    public StartedChanges startApplyChanges(Long since, List<Update> updates) {
        if (!combinedPush) {
            return () -> Replica.super.applyChanges(since, updates);
        }
        String path = extensionBase + "/push" + (since == null ? "" : "?since=" + since);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("updates", WireFormat.updates(updates));
        HttpTransport.Pending pending = http.start("POST", path, Json.write(body));
        return () -> {
            HttpTransport.Response r = pending.await();
            if (r.status() == 404 || r.status() == 405) {
                combinedPush = false;
                return Replica.super.applyChanges(since, updates);
            }
            if (r.status() == 401) {
                return Replica.super.applyChanges(since, updates);
            }
            if (r.status() >= 400) {
                throw error("POST " + path, r);
            }
            return WireFormat.readAppliedChanges(parse("POST " + path, r));
        };
    }

    @Override
    public Change findLastChange(String id) {
        Object body = call("GET", base + "/" + UrlEncoding.encode(id) + "/changes/last", null);
        return body == null ? null : WireFormat.readChange(body, "last change of " + id);
    }

    @Override
    public Change updateLastChange(String id, Map<String, Object> data) {
        Object body = call("PUT", base + "/" + UrlEncoding.encode(id) + "/changes/last", Json.write(data));
        return WireFormat.readChange(body, "last change of " + id);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> findById(String id) {
        String path = base + "/" + UrlEncoding.encode(id);
        HttpTransport.Response r = http.send("GET", path, null);
        if (r.status() == 404) {
            SyncException e = error("GET " + path, r);
            if ("MODEL_NOT_FOUND".equals(e.code())) {
                return null; // what LoopBack's remote connector does (PROTOCOL.md 9.1.3)
            }
            throw e;
        }
        return (Map<String, Object>) parse("GET " + path, r);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> upsert(Map<String, Object> data) {
        return (Map<String, Object>) call("PATCH", base, Json.write(data));
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean deleteById(String id) {
        Object body = call("DELETE", base + "/" + UrlEncoding.encode(id), null);
        Object count = body instanceof Map ? ((Map<String, Object>) body).get("count") : null;
        return count instanceof Number && ((Number) count).doubleValue() > 0;
    }

    @Override
    public ResolutionsPage resolutions(long since, int limit) {
        ResolutionsPage received = resolutionsReceived;
        resolutionsReceived = null;
        if (received != null && resolutionsReceivedSince == since && received.resolutions().size() <= limit) {
            return received;
        }
        String path = extensionBase + "/resolutions?since=" + since + "&limit=" + limit;
        return readResolutions("GET " + path, call("GET", path, null));
    }

    @SuppressWarnings("unchecked")
    private static ResolutionsPage readResolutions(String request, Object body) {
        if (!(body instanceof Map) || !(((Map<String, Object>) body).get("resolutions") instanceof List)
                || !(((Map<String, Object>) body).get("next") instanceof Number)) {
            throw unexpected(request, Json.write(body));
        }
        Map<String, Object> m = (Map<String, Object>) body;
        List<AdminResolution> out = new ArrayList<>();
        for (Object o : (List<Object>) m.get("resolutions")) {
            Map<String, Object> r = o instanceof Map ? (Map<String, Object>) o : null;
            if (r == null || !(r.get("seq") instanceof Number) || !(r.get("conflictId") instanceof Number)
                    || !(r.get("modelId") instanceof String) || !(r.get("resolution") instanceof String)
                    || r.get("clientRev") != null && !(r.get("clientRev") instanceof String)) {
                throw unexpected(request, Json.write(o));
            }
            out.add(new AdminResolution((long) ((Number) r.get("seq")).doubleValue(),
                    (long) ((Number) r.get("conflictId")).doubleValue(), (String) r.get("modelId"),
                    (String) r.get("resolution"), r.containsKey("clientRev"), (String) r.get("clientRev")));
        }
        return new ResolutionsPage(out, (long) ((Number) m.get("next")).doubleValue());
    }

    @Override
    public void report(List<ReportedConflict> conflicts) {
        List<Object> items = new ArrayList<>();
        for (ReportedConflict c : conflicts) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("change", WireFormat.change(c.change()));
            item.put("data", c.data());
            items.add(item);
        }
        call("POST", extensionBase + "/conflicts", Json.write(items));
    }

    @Override
    public void reportResolved(List<ResolvedConflict> resolved) {
        List<Object> items = new ArrayList<>();
        for (ResolvedConflict c : resolved) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("modelId", c.modelId());
            item.put("rev", c.rev());
            items.add(item);
        }
        call("POST", extensionBase + "/conflicts/resolved", Json.write(items));
    }

    private Object call(String method, String path, String body) {
        return answer(method, path, http.send(method, path, body));
    }

    /** The parsed body of a successful response; the server's error for any other. */
    private Object answer(String method, String path, HttpTransport.Response r) {
        if (r.status() >= 400) {
            throw error(method + " " + path, r);
        }
        return parse(method + " " + path, r);
    }

    private Object parse(String request, HttpTransport.Response r) {
        try {
            return r.json();
        } catch (JsonException e) {
            throw unexpected(request, r.body());
        }
    }

    /** Turns LoopBack's error envelope back into the exception the server threw. */
    @SuppressWarnings("unchecked")
    private SyncException error(String request, HttpTransport.Response r) {
        try {
            Object parsed = r.json();
            if (parsed instanceof Map && ((Map<String, Object>) parsed).get("error") instanceof Map) {
                Map<String, Object> e = (Map<String, Object>) ((Map<String, Object>) parsed).get("error");
                Object details = e.get("details");
                return new SyncException(r.status(), (String) e.get("name"), (String) e.get("code"),
                        request + ": " + e.get("message"), details instanceof Map ? (Map<String, Object>) details : null);
            }
        } catch (JsonException | ClassCastException ignored) {
            // not an envelope: report the raw answer below
        }
        return new SyncException(r.status(), "Error", null, request + " answered " + r.status() + ": "
                + (r.body().length() > 200 ? r.body().substring(0, 200) + "…" : r.body()), null);
    }

    private static SyncException unexpected(String request, String body) {
        return new SyncException(502, "Error", "BAD_RESPONSE", request + " gave an unexpected answer: "
                + (body.length() > 200 ? body.substring(0, 200) + "…" : body), null);
    }
}
