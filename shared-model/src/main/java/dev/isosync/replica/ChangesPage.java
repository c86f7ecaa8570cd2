package dev.isosync.replica;

import dev.isosync.change.Change;
import dev.isosync.store.ChangeCursor;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of a keyset-paged change list (PROTOCOL.md 9.4.5), and, when the source sent them, the records of its
 * live changes as they were when the page was read, so that a replication needs no create-updates round trip.
 */
public final class ChangesPage {
    private final List<Change> changes;
    private final ChangeCursor next;
    private final Map<String, Map<String, Object>> records;

    /** A page without its records (a source that does not send them). */
    public ChangesPage(List<Change> changes, ChangeCursor next) {
        this(changes, next, null);
    }

    /**
     * @param records by model id, the visible record of each live change, read with the page; {@code null} when
     *     the source did not send them
     */
    public ChangesPage(List<Change> changes, ChangeCursor next, Map<String, Map<String, Object>> records) {
        this.changes = Collections.unmodifiableList(changes);
        this.next = next;
        this.records = records == null ? null : Collections.unmodifiableMap(records);
    }

    /** The replicable changes of this page (tombstones included, unknown ones dropped); never null. */
    public List<Change> changes() {
        return changes;
    }

    /** Where the next page starts, or {@code null} when this was the last page. */
    public ChangeCursor next() {
        return next;
    }

    /**
     * By model id, the visible record of each create or update of this page, read in the same transaction as
     * the changes (so each matches its change's {@code rev}); {@code null} when the source did not send them.
     */
    public Map<String, Map<String, Object>> records() {
        return records;
    }
}
