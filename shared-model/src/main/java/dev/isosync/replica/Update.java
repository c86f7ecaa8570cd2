package dev.isosync.replica;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One item of {@code createUpdates}/{@code bulkUpdate}: the change, its type, and for creates and updates
 * the record's data (PROTOCOL.md 2.6). {@code wireChange} keeps the change object exactly as a client sent
 * it, because a 409 echoes it back unchanged (PROTOCOL.md 4.2).
 */
public final class Update {
    private final ChangeType type;
    private final Change change;
    private final Map<String, Object> data;
    private final Map<String, Object> wireChange;

    public Update(ChangeType type, Change change, Map<String, Object> data, Map<String, Object> wireChange) {
        this.type = type;
        this.change = change;
        this.data = data;
        this.wireChange = wireChange;
    }

    public Update(ChangeType type, Change change, Map<String, Object> data) {
        this(type, change, data, null);
    }

    /**
     * The updates a diff's deltas make with the data the source sent, as {@link #forDeltas(List, Map)} makes them.
     *
     * @param deltas the diff's deltas
     * @param sent   the source's changes with their data, by instance
     */
    public static List<Update> forDeltas(List<Change> deltas, List<Update> sent) {
        Map<String, Map<String, Object>> data = new HashMap<>();
        for (Update u : sent) {
            data.put(u.change().modelId(), u.data());
        }
        return forDeltas(deltas, data);
    }

    /**
     * The updates a diff's deltas make with the data at hand: the type is the delta's own (a rebased change may
     * have become an update), unknown ones are left out, and deletes come first, as {@code createUpdates} orders
     * them (PROTOCOL.md 2.6). A create or update whose instance has no data here keeps {@code null} data, which
     * {@code bulkUpdate} refuses; {@link #withoutData} finds it for callers that must not get that far.
     *
     * @param deltas the diff's deltas
     * @param data   by model id, the record of each instance; never null, but may lack instances
     * @return never null
     */
    public static List<Update> forDeltas(List<Change> deltas, Map<String, Map<String, Object>> data) {
        List<Update> deletes = new ArrayList<>();
        List<Update> writes = new ArrayList<>();
        for (Change d : deltas) {
            ChangeType type = d.type();
            if (type == ChangeType.DELETE) {
                deletes.add(new Update(type, d, null));
            } else if (type == ChangeType.CREATE || type == ChangeType.UPDATE) {
                writes.add(new Update(type, d, data.get(d.modelId())));
            }
        }
        deletes.addAll(writes);
        return deletes;
    }

    /**
     * The change of the first create or update in {@code updates} that has no data, or {@code null} when each has
     * its data.
     */
    public static Change withoutData(List<Update> updates) {
        for (Update u : updates) {
            if (u.type() != ChangeType.DELETE && u.data() == null) {
                return u.change();
            }
        }
        return null;
    }

    public ChangeType type() {
        return type;
    }

    public Change change() {
        return change;
    }

    /** The record for creates and updates; {@code null} for deletes. */
    public Map<String, Object> data() {
        return data;
    }

    /** The change object as received over the wire, or {@code null} when it was built locally. */
    public Map<String, Object> wireChange() {
        return wireChange;
    }
}
