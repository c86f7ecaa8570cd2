package dev.isosync.replication;

import dev.isosync.change.Change;
import java.util.Map;

/**
 * The client's side of a pull conflict, as it reports it to the server's inbox: its change record of the
 * instance and its record ({@code null} where it deleted it). Immutable.
 */
public final class ReportedConflict {
    private final Change change;
    private final Map<String, Object> data;

    /**
     * @param change the client's change record, whose {@code rev} is the revision of {@code data}
     * @param data   the client's record, or {@code null} when it deleted it
     */
    public ReportedConflict(Change change, Map<String, Object> data) {
        this.change = change;
        this.data = data;
    }

    public Change change() {
        return change;
    }

    /** The client's record, or {@code null} when it deleted it. */
    public Map<String, Object> data() {
        return data;
    }
}
