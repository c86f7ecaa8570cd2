package dev.isosync.wire;

import dev.isosync.change.Change;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replication endpoints of PROTOCOL.md 4.1 and our keyset-paged change list, answered in process from
 * local replicas over a store: a transport for testing {@link RemoteReplica} without a network. It routes
 * only what the remote replica sends; the server module's HTTP API is the real thing.
 */
final class InProcessServer implements HttpTransport {
    private final Map<String, LocalReplica> byPlural = new HashMap<>();

    InProcessServer(Store store, List<ModelDefinition> models) {
        for (ModelDefinition m : models) {
            byPlural.put(m.plural(), new LocalReplica(store, m));
        }
    }

    @Override
    public Response send(String method, String path, String jsonBody) {
        try {
            return route(method, path, jsonBody == null ? null : Json.parse(jsonBody));
        } catch (SyncException e) {
            return new Response(e.statusCode(), Json.write(e.toEnvelope()));
        }
    }

    private Response route(String method, String path, Object body) {
        int q = path.indexOf('?');
        Map<String, String> query = q < 0 ? new HashMap<>() : query(path.substring(q + 1));
        String[] parts = (q < 0 ? path : path.substring(0, q)).split("/");
        // ["", "api" | "sync", plural, rest...]
        LocalReplica replica = byPlural.get(parts[2]);
        if (replica == null) {
            throw SyncException.notFound("NOT_FOUND", "no model at " + path);
        }
        String a = parts.length > 3 ? decode(parts[3]) : null;
        String b = parts.length > 4 ? parts[4] : null;
        if (parts[1].equals("sync") && "changes".equals(a)) {
            ChangeCursor after = query.containsKey("afterCheckpoint")
                    ? new ChangeCursor(Long.parseLong(query.get("afterCheckpoint")), query.get("afterModelId")) : null;
            ChangesPage page = replica.changesPage(Long.parseLong(query.get("since")), filter(replica, query), after,
                    Integer.parseInt(query.get("limit")), false);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("changes", WireFormat.changes(page.changes()));
            if (page.next() != null) {
                Map<String, Object> next = new LinkedHashMap<>();
                next.put("checkpoint", page.next().checkpoint());
                next.put("modelId", page.next().modelId());
                out.put("next", next);
            } else {
                out.put("next", null);
            }
            return ok(out);
        }
        if (a == null) {
            if (method.equals("PATCH")) {
                return ok(replica.upsert(object(body)));
            }
        } else if (a.equals("checkpoint")) {
            return method.equals("POST") ? ok(WireFormat.checkpoint(replica.checkpoint())) : ok(replica.currentCheckpoint());
        } else if (a.equals("changes") && method.equals("GET")) {
            if (!query.containsKey("since")) {
                return ok(new ArrayList<>());
            }
            return ok(WireFormat.changes(replica.changes(Long.parseLong(query.get("since")), filter(replica, query))));
        } else if (a.equals("diff")) {
            Long since = query.containsKey("since") ? Long.valueOf(query.get("since")) : null;
            return ok(WireFormat.diffResult(replica.diff(since, WireFormat.readChanges(body))));
        } else if (a.equals("create-updates")) {
            return ok(WireFormat.updates(replica.createUpdates(WireFormat.readChanges(body))));
        } else if (a.equals("bulk-update")) {
            List<Update> conflicts = replica.bulkUpdate(WireFormat.readBulkUpdateBody(body));
            if (conflicts.isEmpty()) {
                return new Response(204, "");
            }
            List<Object> echoed = new ArrayList<>();
            for (Update u : conflicts) {
                echoed.add(u.wireChange() != null ? u.wireChange() : WireFormat.change(u.change()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("conflicts", echoed);
            throw new SyncException(409, "Error", null, "Conflict", details);
        } else if ("changes".equals(b)) {
            if (method.equals("GET")) {
                Change c = replica.findLastChange(a);
                return ok(c == null ? null : WireFormat.change(c));
            }
            return ok(WireFormat.change(replica.updateLastChange(a, object(body))));
        } else if (method.equals("GET")) {
            Map<String, Object> r = replica.findById(a);
            if (r == null) {
                throw replica.unknownId(a);
            }
            return ok(r);
        } else if (method.equals("DELETE")) {
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("count", replica.deleteById(a) ? 1 : 0);
            return ok(count);
        }
        throw SyncException.notFound("NOT_FOUND", "no route for " + method + " " + path);
    }

    private static Filter filter(LocalReplica replica, Map<String, String> query) {
        String json = query.get("filter");
        return json == null ? Filter.ALL : Filter.parse(replica.model(), Json.parse(json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object body) {
        if (!(body instanceof Map)) {
            throw SyncException.badRequest("INVALID_BODY", "expected an object, got " + WireFormat.kind(body));
        }
        return (Map<String, Object>) body;
    }

    private static Response ok(Object value) {
        return new Response(200, Json.write(value));
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
}
