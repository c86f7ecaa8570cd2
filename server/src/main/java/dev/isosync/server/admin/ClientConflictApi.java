package dev.isosync.server.admin;

import dev.isosync.change.Change;
import dev.isosync.error.SyncException;
import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.auth.Operation;
import dev.isosync.server.auth.RequestAccess;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.http.JsonAnswers;
import dev.isosync.server.http.RequestLimits;
import dev.isosync.server.http.Requests;
import dev.isosync.wire.WireFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our clients' side of the conflict inbox, three extension endpoints of one model beside the keyset change list
 * (PROTOCOL.md 9.8; LoopBack clients never call them):
 *
 * <ul>
 *   <li>{@code POST /sync/<plural>/conflicts} with {@code [{"change":{...},"data":{...}|null}, ...]}: the
 *       conflicts of the client's pull, which happen in the client where the server cannot see them. Each
 *       item is the client's change and its record ({@code null}: the client deleted it). The whole report
 *       is checked before anything is filed: a bad shape is a 400, data that breaks the model or does not
 *       hash to the change's {@code rev} a 422 naming the record and property.</li>
 *   <li>{@code POST /sync/<plural>/conflicts/resolved} with {@code [{"modelId":"...","rev":"..."|null}, ...]}:
 *       the client resolved these conflicts itself ({@code rev}: the revision it kept, {@code null} when it
 *       kept a delete). The caller's open inbox entries on those records move to the history as
 *       {@code client-reported}, with the server's version as it is now; a record without one is passed over
 *       (an admin or the client's push closed it first, or this is a retry). Needed where the client pushes
 *       nothing, as when it takes the server's version; a push of the record closes the entry by itself
 *       ({@code client-pushed}). Checked whole first: a bad shape is a 400, a bad id or revision a 422, and
 *       nothing is closed.</li>
 *   <li>{@code GET /sync/<plural>/resolutions?since=N}: the conflicts of the calling client (by
 *       {@code X-Client-Id}) that an admin resolved, with a resolution sequence number of at least {@code N}.
 *       The client takes the server's version of each and marks its own conflict resolved, then asks again
 *       with {@code next}.</li>
 * </ul>
 *
 * <p>On a model with an owner property (PROTOCOL.md 9.7) all three concern the caller's own records only,
 * whatever client id it sends: another owner's record is passed over as if the server had none, so a report can
 * never put one user's data in front of an admin as a version of another user's record.
 */
public final class ClientConflictApi {
    /** Most items of one report; more is a 413. */
    static final int MAX_REPORT_ITEMS = 1000;
    /** Most resolutions of one answer. */
    static final int MAX_RESOLUTIONS = 1000;

    private final LocalReplica replica;
    private final ModelDefinition model;
    private final SyncRecorder recorder;
    private final long bodyLimit;
    private final RequestLimits limits;
    private final RequestAccess access;

    /**
     * @param replica   the model's replica on the server's store
     * @param recorder  where reports are filed
     * @param config    the server's settings: the largest report body, and the limits on its strings
     * @param access    who may report and read resolutions (a report writes, PROTOCOL.md 4.5), and whose
     *                  records a caller's report may name (PROTOCOL.md 9.7)
     */
    public ClientConflictApi(LocalReplica replica, SyncRecorder recorder, ServerConfig config, RequestAccess access) {
        this.access = access;
        this.replica = replica;
        this.model = replica.model();
        this.recorder = recorder;
        this.bodyLimit = config.bodyLimit();
        this.limits = config.limits();
    }

    /** Registers the three endpoints. */
    public void register(RoutesConfig routes) {
        String base = "/sync/" + model.plural();
        routes.post(base + "/conflicts", ctx -> {
            access.require(ctx, model, Operation.REPORT_CONFLICTS);
            report(ctx);
        });
        routes.post(base + "/conflicts/resolved", ctx -> {
            access.require(ctx, model, Operation.REPORT_CONFLICTS);
            resolvedByClient(ctx);
        });
        routes.get(base + "/resolutions", ctx -> {
            recorder.sync(ctx, model);
            JsonAnswers.send(ctx, resolutions(ctx, Requests.number(ctx, "since"), Requests.number(ctx, "limit")));
        });
    }

    private void report(Context ctx) {
        recorder.sync(ctx, model);
        String header = ctx.header(ClientIdentity.HEADER);
        if (header != null) {
            checkClientId(header);
        }
        List<ReportedConflict> items = parse(ctx.method() + " " + ctx.path(), checked(Requests.body(ctx, bodyLimit)));
        List<ConflictRecord> filed = recorder.clientReport(ctx, access.scoped(ctx, replica), items);
        List<Object> out = new ArrayList<>();
        for (ConflictRecord c : filed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("modelId", c.report().modelId());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conflicts", out);
        JsonAnswers.send(ctx, body);
    }

    private void resolvedByClient(Context ctx) {
        recorder.sync(ctx, model);
        String header = ctx.header(ClientIdentity.HEADER);
        if (header != null) {
            checkClientId(header);
        }
        List<String> ids = parseResolved(ctx.method() + " " + ctx.path(), checked(Requests.body(ctx, bodyLimit)));
        List<ConflictRecord> closed = recorder.clientResolved(ctx, access.scoped(ctx, replica), ids);
        List<Object> out = new ArrayList<>();
        for (ConflictRecord c : closed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("modelId", c.report().modelId());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("closed", out);
        JsonAnswers.send(ctx, body);
    }

    /**
     * The items of a report: an array of at most {@link #MAX_REPORT_ITEMS} objects, each with no property but
     * {@code first} and {@code second}. Anything else is refused (400, or 413 for too many) naming the item.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(String request, Object body, String shape, String first,
            String second) {
        if (!(body instanceof List)) {
            throw SyncException.badRequest("INVALID_BODY", request + " takes an array of " + shape + ", got "
                    + WireFormat.kind(body));
        }
        List<Object> list = (List<Object>) body;
        if (list.size() > MAX_REPORT_ITEMS) {
            throw SyncException.tooLarge(request + " takes at most " + MAX_REPORT_ITEMS + " conflicts, got "
                    + list.size());
        }
        List<Map<String, Object>> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String what = "conflict " + i;
            if (!(list.get(i) instanceof Map)) {
                throw SyncException.badRequest("INVALID_BODY", what + " must be an object, got "
                        + WireFormat.kind(list.get(i)));
            }
            Map<String, Object> item = (Map<String, Object>) list.get(i);
            for (String key : item.keySet()) {
                if (!key.equals(first) && !key.equals(second)) {
                    throw SyncException.badRequest("INVALID_BODY", what + ": unknown property " + Json.write(key)
                            + "; an item has " + Json.write(first) + " and " + Json.write(second));
                }
            }
            items.add(item);
        }
        return items;
    }

    /** Reads and checks a whole report of resolved conflicts; throws before anything is closed. */
    @SuppressWarnings("unchecked")
    private List<String> parseResolved(String request, Object body) {
        List<Map<String, Object>> list = items(request, body, "{\"modelId\":\"...\",\"rev\":\"...\"|null}",
                "modelId", "rev");
        List<String> out = new ArrayList<>(list.size());
        Map<String, List<ValidationError>> invalid = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String what = "conflict " + i;
            Map<String, Object> item = list.get(i);
            if (!item.containsKey("modelId")) {
                throw SyncException.badRequest("INVALID_BODY", what + ": \"modelId\" is missing");
            }
            if (!item.containsKey("rev")) {
                // required even when null, so a client that forgot it is told rather than read as a delete
                throw SyncException.badRequest("INVALID_BODY", what + ": \"rev\" is missing (the revision the "
                        + "client kept, or null when it kept a delete)");
            }
            Object idValue = item.get("modelId");
            String key = idValue instanceof String ? (String) idValue : what;
            List<ValidationError> errors = new ArrayList<>();
            if (!(idValue instanceof String)) {
                errors.add(new ValidationError("modelId", "type", "must be a string", idValue, true));
            } else {
                String problem = ModelDefinition.idProblem((String) idValue);
                if (problem != null) {
                    errors.add(new ValidationError("modelId", "format", problem, idValue, true));
                }
            }
            Object rev = item.get("rev");
            if (rev != null && !(rev instanceof String && !((String) rev).isEmpty())) {
                errors.add(new ValidationError("rev", "type", "must be a revision (a non-empty string) or null",
                        rev, true));
            }
            if (errors.isEmpty() && !seen.add(key)) {
                errors.add(new ValidationError("modelId", "uniqueness", "is reported twice", key, true));
            }
            if (!errors.isEmpty()) {
                invalid.computeIfAbsent(key, k -> new ArrayList<>()).addAll(errors);
            } else {
                out.add(key);
            }
        }
        if (!invalid.isEmpty()) {
            throw ValidationException.ofItems(model.name(), invalid); // nothing closed
        }
        return out;
    }

    /** Reads and checks a whole report; throws before anything is filed. */
    @SuppressWarnings("unchecked")
    private List<ReportedConflict> parse(String request, Object body) {
        List<Map<String, Object>> list = items(request, body, "{\"change\":{...},\"data\":{...}|null}",
                "change", "data");
        List<ReportedConflict> out = new ArrayList<>(list.size());
        Map<String, List<ValidationError>> invalid = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String what = "conflict " + i;
            Map<String, Object> item = list.get(i);
            if (!item.containsKey("change")) {
                throw SyncException.badRequest("INVALID_BODY", what + ": \"change\" is missing");
            }
            Change change = WireFormat.readChange(item.get("change"), what + " change");
            if (!item.containsKey("data")) {
                throw SyncException.badRequest("INVALID_BODY", what + ": \"data\" is missing (the client's record, "
                        + "or null when the client deleted it)");
            }
            Object data = item.get("data");
            if (data != null && !(data instanceof Map)) {
                throw SyncException.badRequest("INVALID_BODY", what + ": \"data\" must be an object or null, got "
                        + WireFormat.kind(data));
            }
            String id = change.modelId();
            List<ValidationError> errors = new ArrayList<>();
            Map<String, Object> record = check(change, (Map<String, Object>) data, errors);
            if (errors.isEmpty() && !seen.add(id)) {
                errors.add(new ValidationError("change.modelId", "uniqueness", "is reported twice", id, true));
            }
            if (!errors.isEmpty()) {
                invalid.computeIfAbsent(id, k -> new ArrayList<>()).addAll(errors);
            } else {
                out.add(new ReportedConflict(change, (Map<String, Object>) item.get("change"), record));
            }
        }
        if (!invalid.isEmpty()) {
            throw ValidationException.ofItems(model.name(), invalid); // nothing filed
        }
        return out;
    }

    /** The client's record as the model stores it, or {@code null} for a delete; problems go to {@code errors}. */
    private Map<String, Object> check(Change change, Map<String, Object> data, List<ValidationError> errors) {
        String id = change.modelId();
        String problem = ModelDefinition.idProblem(id);
        if (problem != null) {
            errors.add(new ValidationError("change.modelId", "format", problem, id, true));
            return null;
        }
        boolean deleted = change.rev() == null || change.rev().isEmpty();
        if (deleted) {
            if (data != null) {
                errors.add(new ValidationError("data", "absence", "must be null for a change without \"rev\" "
                        + "(a delete)", data, true));
            }
            return null;
        }
        if (data == null) {
            errors.add(new ValidationError("data", "presence", "can't be null for a change with \"rev\" "
                    + Json.write(change.rev()), null, true));
            return null;
        }
        Map<String, Object> record;
        try {
            record = model.replacement(null, data.containsKey(model.idName()) ? data : withId(data, id));
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return null;
        }
        if (!id.equals(record.get(model.idName()))) {
            errors.add(new ValidationError(model.idName(), "mismatch", "must equal change.modelId " + Json.write(id),
                    record.get(model.idName()), true));
            return null;
        }
        String rev = model.revisionOf(record);
        if (!rev.equals(change.rev())) {
            // the client's version must be the one its change names, or the inbox would show something else
            errors.add(new ValidationError("change.rev", "mismatch", "is not the revision of \"data\", which is "
                    + Json.write(rev), change.rev(), true));
            return null;
        }
        return model.visible(record);
    }

    private Map<String, Object> withId(Map<String, Object> data, String id) {
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put(model.idName(), id);
        return copy;
    }

    /**
     * The calling client's resolved conflicts from the resolution sequence number {@code since} on, as {@code GET
     * /sync/<plural>/resolutions} answers them; also sent with the start of a pull ({@code POST
     * /sync/<plural>/pull?resolutionsSince=N}). Everything is checked before anything is read.
     *
     * @param limit the most to answer, or {@code null} for {@value #MAX_RESOLUTIONS}
     */
    public Map<String, Object> resolutions(Context ctx, Long since, Long limit) {
        access.require(ctx, model, Operation.RESOLUTIONS);
        String clientId = ctx.header(ClientIdentity.HEADER);
        if (clientId == null) {
            throw SyncException.badRequest("INVALID_CLIENT_ID", ctx.path() + " answers the calling client's "
                    + "resolutions: send its id in " + ClientIdentity.HEADER);
        }
        checkClientId(clientId);
        if (since == null) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"since\" is required (a resolution sequence "
                    + "number; 0 for all)");
        }
        if (limit != null && (limit < 1 || limit > MAX_RESOLUTIONS)) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"limit\" must be 1 to " + MAX_RESOLUTIONS + ", got "
                    + limit);
        }
        List<ConflictRecord> resolved = recorder.store().resolutions(clientId, model.name(), since,
                limit == null ? MAX_RESOLUTIONS : limit.intValue());
        Set<String> visible = visible(ctx, resolved);
        List<Object> out = new ArrayList<>();
        long next = since;
        for (ConflictRecord c : resolved) {
            Resolution r = c.resolution();
            next = r.seq() + 1;
            if (!visible.contains(c.report().modelId())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", r.seq());
            m.put("conflictId", c.id());
            m.put("modelId", c.report().modelId());
            m.put("resolution", r.keep().wireName());
            m.put("resolvedAt", Timestamps.iso(r.resolvedAt()));
            // the client's version the admin decided on: a client that has edited the record since keeps its edit
            Map<String, Object> clientChange = c.report().clientChange();
            Object clientRev = clientChange == null ? null : clientChange.get("rev");
            m.put("clientRev", clientRev instanceof String && !((String) clientRev).isEmpty() ? clientRev : null);
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resolutions", out);
        body.put("next", next);
        return body;
    }

    /**
     * The records of {@code conflicts} that the caller may see: on a model with an owner property, its own only,
     * whatever client id it sends (PROTOCOL.md 9.7).
     */
    private Set<String> visible(Context ctx, List<ConflictRecord> conflicts) {
        List<String> ids = new ArrayList<>(conflicts.size());
        for (ConflictRecord c : conflicts) {
            ids.add(c.report().modelId());
        }
        if (model.ownerName() == null) {
            return new HashSet<>(ids);
        }
        return SyncRecorder.serverVersions(access.scoped(ctx, replica), ids).keySet();
    }

    private static void checkClientId(String value) {
        String problem = ClientIdentity.clientIdProblem(value);
        if (problem != null) {
            throw SyncException.badRequest("INVALID_CLIENT_ID", ClientIdentity.HEADER + " " + problem + ", got "
                    + Json.write(value.length() > 60 ? value.substring(0, 60) + "…" : value));
        }
    }

    /** A report whose strings are within the limits and hold no U+0000 (which PostgreSQL cannot take). */
    private Object checked(Object json) {
        limits.checkStrings(json);
        return json;
    }
}
