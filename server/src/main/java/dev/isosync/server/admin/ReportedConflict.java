package dev.isosync.server.admin;

import dev.isosync.change.Change;
import java.util.Map;

/** One item of a client's conflict report, checked: its change, as parsed and as sent, and its record. */
final class ReportedConflict {
    private final Change change;
    private final Map<String, Object> wireChange;
    private final Map<String, Object> data;

    ReportedConflict(Change change, Map<String, Object> wireChange, Map<String, Object> data) {
        this.change = change;
        this.wireChange = wireChange;
        this.data = data;
    }

    Change change() {
        return change;
    }

    Map<String, Object> wireChange() {
        return wireChange;
    }

    /** The client's record, or {@code null} when it deleted it. */
    Map<String, Object> data() {
        return data;
    }
}
