package dev.isosync.replica;

import dev.isosync.change.Change;
import dev.isosync.store.ChangeCursor;
import java.util.Collections;
import java.util.List;

/** One page of a keyset-paged change list (PROTOCOL.md 9.4.5). */
public final class ChangesPage {
    private final List<Change> changes;
    private final ChangeCursor next;

    public ChangesPage(List<Change> changes, ChangeCursor next) {
        this.changes = Collections.unmodifiableList(changes);
        this.next = next;
    }

    /** The replicable changes of this page (tombstones included, unknown ones dropped); never null. */
    public List<Change> changes() {
        return changes;
    }

    /** Where the next page starts, or {@code null} when this was the last page. */
    public ChangeCursor next() {
        return next;
    }
}
