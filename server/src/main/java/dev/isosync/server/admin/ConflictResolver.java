package dev.isosync.server.admin;

import dev.isosync.error.SyncException;
import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.http.ModelApi;
import dev.isosync.wire.WireFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a conflict of the inbox ({@code POST /admin/api/conflicts/{id}/resolve}): the kept version becomes
 * the server's current one. Keeping the client's version or a merge writes it through the model's ordinary
 * write path, so the record gets a change row at the current checkpoint (every client pulls it) and the
 * change stream tells listeners; keeping the server's writes nothing, even when the server's record changed
 * since. The client that had the conflict learns of the resolution from {@code /sync/<plural>/resolutions}
 * and takes the server's version; a LoopBack client resolves its own conflicts as before.
 *
 * <p>A resolution never changes a record's owner (PROTOCOL.md 9.7): the kept version is written as the owner
 * its change row names, and no conflict about another owner's record is ever filed ({@link SyncRecorder}).
 *
 * <p>Everything is checked before anything is written. The resolution is claimed in the inbox first, so two
 * admins resolving at once cannot both write; if the write then fails, the claim is taken back.
 */
final class ConflictResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictResolver.class);

    private final Map<String, ModelApi> models;
    private final SyncRecorder recorder;

    ConflictResolver(Map<String, ModelApi> models, SyncRecorder recorder) {
        this.models = models;
        this.recorder = recorder;
    }

    /** A request to resolve, checked: what to keep and, for a merge, the record. */
    private static final class Choice {
        final Keep keep;
        final Map<String, Object> data;

        Choice(Keep keep, Map<String, Object> data) {
            this.keep = keep;
            this.data = data;
        }
    }

    /**
     * Resolves conflict {@code idText} as {@code body} says.
     *
     * @return the resolved conflict
     * @throws SyncException 404 for an unknown id, 400 for a body that is not an object, 422 for a choice
     *     that cannot be made (naming the field and value), 409 when the conflict is resolved already
     */
    ConflictRecord resolve(String idText, Object body) {
        ConflictRecord conflict = find(idText);
        Choice choice = choice(body);
        if (!conflict.isOpen()) {
            throw resolvedAlready(conflict);
        }
        ConflictReport report = conflict.report();
        ModelApi api = models.get(report.model());
        if (api == null && choice.keep != Keep.SERVER) {
            throw invalid(report, "keep", "unavailable", "can only be \"server\": this server no longer serves "
                    + "model " + report.model(), choice.keep.wireName());
        }
        if (choice.keep == Keep.SERVER) {
            return keepServer(conflict, api);
        }
        Map<String, Object> data;
        if (choice.keep == Keep.CLIENT) {
            if (report.clientVersion() == null) {
                throw invalid(report, "keep", "unavailable", "cannot be \"client\": the client did not send its "
                        + "version of this record (a diff carries no data); keep \"server\" or \"merge\"", "client");
            }
            data = report.clientVersion().data();
        } else {
            data = choice.data;
        }
        return write(conflict, api, choice.keep, data);
    }

    private ConflictRecord find(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            id = -1;
        }
        ConflictRecord conflict = id > 0 ? recorder.store().conflict(id) : null;
        if (conflict == null) {
            throw SyncException.notFound("CONFLICT_NOT_FOUND", "Unknown conflict id " + Json.write(idText) + ".");
        }
        return conflict;
    }

    @SuppressWarnings("unchecked")
    private static Choice choice(Object body) {
        if (!(body instanceof Map)) {
            throw SyncException.badRequest("INVALID_BODY", "A resolution is {\"keep\":\"server\"}, {\"keep\":\"client\"}"
                    + " or {\"keep\":\"merge\",\"data\":{...}}, got " + WireFormat.kind(body));
        }
        Map<String, Object> m = (Map<String, Object>) body;
        List<ValidationError> errors = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!e.getKey().equals("keep") && !e.getKey().equals("data")) {
                errors.add(new ValidationError(e.getKey(), "unknown-property", "is not a property of a resolution "
                        + "(\"keep\", \"data\")", e.getValue(), true));
            }
        }
        Object keepValue = m.get("keep");
        Keep keep = keepValue instanceof String ? Keep.adminChoice((String) keepValue) : null;
        if (keep == null) {
            errors.add(new ValidationError("keep", keepValue == null ? "presence" : "inclusion",
                    "must be \"server\", \"client\" or \"merge\"", keepValue, m.containsKey("keep")));
        }
        Object data = m.get("data");
        if (keep == Keep.MERGE && !(data instanceof Map)) {
            errors.add(new ValidationError("data", data == null ? "presence" : "type",
                    "must be the merged record, an object", data, m.containsKey("data")));
        } else if (keep != null && keep != Keep.MERGE && m.containsKey("data")) {
            errors.add(new ValidationError("data", "absence", "is only for \"keep\": \"merge\"", data, true));
        }
        if (!errors.isEmpty()) {
            throw ValidationException.of("resolution", null, errors);
        }
        return new Choice(keep, keep == Keep.MERGE ? (Map<String, Object>) data : null);
    }

    private ConflictRecord keepServer(ConflictRecord conflict, ModelApi api) {
        ConflictReport report = conflict.report();
        ServerVersion now = api == null ? report.serverVersion()
                : SyncRecorder.serverVersions(api.replica(), Collections.singletonList(report.modelId()))
                        .get(report.modelId());
        ConflictRecord resolved = recorder.store().resolve(conflict.id(), Keep.SERVER, now.data(), now.rev(),
                recorder.now());
        if (resolved == null) {
            throw resolvedAlready(conflict);
        }
        return resolved;
    }

    private ConflictRecord write(ConflictRecord conflict, ModelApi api, Keep keep, Map<String, Object> data) {
        ConflictReport report = conflict.report();
        LocalReplica replica = api.replica();
        ModelDefinition model = replica.model();
        String id = report.modelId();
        Map<String, Object> input = null;
        Map<String, Object> record = null;
        if (data != null) {
            String owner = model.ownerName();
            if (owner != null && keep == Keep.MERGE && data.containsKey(owner)) {
                throw invalid(report, "data." + owner, "absence", "is the record's owner, which a resolution never "
                        + "changes; leave it out", data.get(owner));
            }
            input = withId(model, withoutOwner(model, data), id);
            Map<String, Object> stored = replica.store().read(tx -> tx.findById(model, id));
            Map<String, Object> checked = model.replacement(stored, input); // throws the model's 422
            if (!id.equals(checked.get(model.idName()))) {
                throw invalid(report, "data." + model.idName(), "mismatch", "must be the conflict's record id "
                        + Json.write(id), checked.get(model.idName()));
            }
            record = model.visible(checked);
        }
        ConflictRecord resolved = recorder.store().resolve(conflict.id(), keep, record,
                record == null ? null : model.revisionOf(record), recorder.now());
        if (resolved == null) {
            throw resolvedAlready(conflict);
        }
        try {
            // an owned record stays its owner's, even one deleted meanwhile: its tombstone still names the owner
            String owner = model.ownerName() == null ? null : replica.ownerOf(id);
            LocalReplica writer = owner == null ? replica : replica.ownedBy(owner);
            if (input == null) {
                if (writer.deleteById(id)) {
                    api.stream().removed(owner, id);
                }
            } else {
                boolean created = writer.findById(id) == null;
                Map<String, Object> saved = writer.replaceOrCreate(input);
                api.stream().saved(owner, id, saved, created);
            }
        } catch (RuntimeException e) {
            try {
                recorder.store().reopen(conflict.id(), resolved.resolution().seq());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        try {
            recorder.changedByServer(model);
        } catch (RuntimeException e) {
            LOG.warn("Could not count the resolution of conflict {} in the activity", conflict.id(), e);
        }
        return resolved;
    }

    /**
     * The data without the owner property, so the record keeps the owner its change row names: a client's
     * bulk-update may have sent one of its own (PROTOCOL.md 9.7).
     */
    private static Map<String, Object> withoutOwner(ModelDefinition model, Map<String, Object> data) {
        if (model.ownerName() == null || !data.containsKey(model.ownerName())) {
            return data;
        }
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.remove(model.ownerName());
        return copy;
    }

    private static Map<String, Object> withId(ModelDefinition model, Map<String, Object> data, String id) {
        if (data.containsKey(model.idName())) {
            return data;
        }
        Map<String, Object> copy = new LinkedHashMap<>(data);
        copy.put(model.idName(), id);
        return copy;
    }

    private static SyncException resolvedAlready(ConflictRecord conflict) {
        return new SyncException(409, "Error", "CONFLICT_RESOLVED", "Conflict " + conflict.id() + " ("
                + conflict.report().model() + " " + Json.write(conflict.report().modelId())
                + ") is resolved already; a resolution is never replaced", null);
    }

    private static ValidationException invalid(ConflictReport report, String property, String code, String message,
            Object value) {
        return ValidationException.of("resolution", null, Collections.singletonList(
                new ValidationError(property, code, message + " (conflict on " + report.model() + " "
                        + Json.write(report.modelId()) + ")", value, true)));
    }
}
