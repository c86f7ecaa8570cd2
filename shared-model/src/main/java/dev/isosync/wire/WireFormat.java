package dev.isosync.wire;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.change.Checkpoint;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.json.Sha1;
import dev.isosync.replica.AppliedChanges;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LoopBack's JSON shapes for changes, checkpoints, diffs and updates (PROTOCOL.md 4.2), both ways. Reading
 * checks every shape and type and answers a 400 naming what was wrong; it never coerces.
 */
public final class WireFormat {
    private WireFormat() {
    }

    /** A change as LoopBack writes it: id, rev, prev (omitted when absent), checkpoint, modelName, modelId. */
    public static Map<String, Object> change(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.modelName() != null) {
            m.put("id", Sha1.hexOfUtf8(c.modelName() + "-" + c.modelId()));
        }
        m.put("rev", c.rev());
        if (c.hasPrev()) {
            m.put("prev", c.prev());
        }
        if (c.checkpoint() != null) {
            m.put("checkpoint", c.checkpoint());
        }
        if (c.modelName() != null) {
            m.put("modelName", c.modelName());
        }
        m.put("modelId", c.modelId());
        return m;
    }

    /** The wire form of several changes. */
    public static List<Object> changes(List<Change> changes) {
        List<Object> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            out.add(change(c));
        }
        return out;
    }

    /** Reads a change object; {@code what} names it in errors ("change 3"). */
    public static Change readChange(Object json, String what) {
        Map<String, Object> m = object(json, what);
        Object modelId = m.get("modelId");
        if (!(modelId instanceof String)) {
            throw bad(what + ": \"modelId\" must be a string, got " + show(m, "modelId"));
        }
        Object rev = m.get("rev");
        if (rev != null && !(rev instanceof String)) {
            throw bad(what + ": \"rev\" must be a string or null, got " + Json.write(rev));
        }
        Object modelName = m.get("modelName");
        if (modelName != null && !(modelName instanceof String)) {
            throw bad(what + ": \"modelName\" must be a string, got " + Json.write(modelName));
        }
        Object checkpoint = m.get("checkpoint");
        Long cp = null;
        if (checkpoint != null) {
            if (!(checkpoint instanceof Number) || !isWhole(((Number) checkpoint).doubleValue())) {
                throw bad(what + ": \"checkpoint\" must be a whole number, got " + Json.write(checkpoint));
            }
            cp = (long) ((Number) checkpoint).doubleValue();
        }
        Change c = Change.of((String) modelName, (String) modelId, (String) rev, cp);
        if (m.containsKey("prev")) {
            Object prev = m.get("prev");
            if (prev != null && !(prev instanceof String)) {
                throw bad(what + ": \"prev\" must be a string or null, got " + Json.write(prev));
            }
            c = c.withPrev((String) prev);
        }
        return c;
    }

    /** Reads an array of changes; anything but an array is LoopBack's "Value is not an array." (400). */
    public static List<Change> readChanges(Object json) {
        List<Object> list = array(json);
        List<Change> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(readChange(list.get(i), "change " + i));
        }
        return out;
    }

    /** The checkpoint object of {@code POST /checkpoint}: {@code {"seq","time","id":1,"sourceId"}}. */
    public static Map<String, Object> checkpoint(Checkpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", c.seq());
        m.put("time", c.time());
        m.put("id", 1);
        m.put("sourceId", c.sourceId());
        return m;
    }

    /** Reads a checkpoint object. */
    public static Checkpoint readCheckpoint(Object json) {
        Map<String, Object> m = object(json, "checkpoint");
        Object seq = m.get("seq");
        if (!(seq instanceof Number)) {
            throw bad("checkpoint: \"seq\" must be a number, got " + show(m, "seq"));
        }
        Object time = m.get("time");
        Object sourceId = m.get("sourceId");
        return new Checkpoint((long) ((Number) seq).doubleValue(), time instanceof String ? (String) time : null,
                sourceId instanceof String ? (String) sourceId : null);
    }

    /** The body of a diff answer. */
    public static Map<String, Object> diffResult(DiffResult d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deltas", changes(d.deltas()));
        m.put("conflicts", changes(d.conflicts()));
        return m;
    }

    /** Reads a diff answer. */
    public static DiffResult readDiffResult(Object json) {
        Map<String, Object> m = object(json, "diff result");
        return new DiffResult(readChanges(m.get("deltas")), readChanges(m.get("conflicts")));
    }

    /** The answer of our combined push ({@code POST /sync/<plural>/push}): {@code {"updates","conflicts","rejected"}}. */
    public static Map<String, Object> appliedChanges(AppliedChanges a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("updates", a.updates());
        m.put("conflicts", changes(a.conflicts()));
        m.put("rejected", changes(a.rejected()));
        return m;
    }

    /** Reads the answer of our combined push. */
    public static AppliedChanges readAppliedChanges(Object json) {
        Map<String, Object> m = object(json, "push result");
        Object updates = m.get("updates");
        if (!(updates instanceof Number) || !isWhole(((Number) updates).doubleValue())) {
            throw bad("push result: \"updates\" must be a whole number, got " + show(m, "updates"));
        }
        return new AppliedChanges((int) ((Number) updates).doubleValue(), readChanges(m.get("conflicts")),
                readChanges(m.get("rejected")));
    }

    /** An update item: {@code {"type","change","data"?}}. */
    public static Map<String, Object> update(Update u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", u.type().wireName());
        m.put("change", u.wireChange() != null ? u.wireChange() : change(u.change()));
        if (u.data() != null) {
            m.put("data", u.data());
        }
        return m;
    }

    /** The wire form of several updates. */
    public static List<Object> updates(List<Update> updates) {
        List<Object> out = new ArrayList<>(updates.size());
        for (Update u : updates) {
            out.add(update(u));
        }
        return out;
    }

    /** Reads an array of update items, keeping each change object as sent (a 409 echoes it). */
    @SuppressWarnings("unchecked")
    public static List<Update> readUpdates(Object json) {
        List<Object> list = array(json);
        List<Update> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String what = "update " + i;
            Map<String, Object> m = object(list.get(i), what);
            Object type = m.get("type");
            ChangeType t = type instanceof String ? ChangeType.fromWire((String) type) : null;
            if (t == null) {
                throw bad(what + ": \"type\" must be \"create\", \"update\", \"delete\" or \"unknown\", got "
                        + show(m, "type"));
            }
            Change change = readChange(m.get("change"), what + " change");
            Object data = m.get("data");
            if (data != null && !(data instanceof Map)) {
                throw bad(what + ": \"data\" must be an object, got " + Json.write(data));
            }
            out.add(new Update(t, change, (Map<String, Object>) data, (Map<String, Object>) m.get("change")));
        }
        return out;
    }

    /** Reads the body of {@code POST /bulk-update}: {@code {"updates":[...]}} (a bare array is refused). */
    public static List<Update> readBulkUpdateBody(Object json) {
        if (!(json instanceof Map)) {
            throw bad("bulk-update takes {\"updates\":[...]}, got " + kind(json));
        }
        Object updates = ((Map<?, ?>) json).get("updates");
        if (updates == null) {
            throw bad("bulk-update takes {\"updates\":[...]}; \"updates\" is missing");
        }
        return readUpdates(updates);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json, String what) {
        if (!(json instanceof Map)) {
            throw bad(what + " must be an object, got " + kind(json));
        }
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object json) {
        if (!(json instanceof List)) {
            throw bad("Value is not an array.");
        }
        return (List<Object>) json;
    }

    private static boolean isWhole(double d) {
        return d == Math.floor(d) && !Double.isInfinite(d) && Math.abs(d) <= 9007199254740991.0;
    }

    private static String show(Map<String, Object> m, String key) {
        return m.containsKey(key) ? Json.write(m.get(key)) : "nothing";
    }

    /** Names the JSON kind of a value for error messages. */
    public static String kind(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List) {
            return "an array";
        }
        if (json instanceof String) {
            return "a string";
        }
        if (json instanceof Number) {
            return "a number";
        }
        return "a boolean";
    }

    private static SyncException bad(String message) {
        return SyncException.badRequest("INVALID_BODY", message);
    }
}
