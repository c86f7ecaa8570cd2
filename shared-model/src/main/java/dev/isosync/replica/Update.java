package dev.isosync.replica;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
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
