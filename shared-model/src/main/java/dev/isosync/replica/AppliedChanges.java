package dev.isosync.replica;

import dev.isosync.change.Change;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Replica#applyChanges} answers: how many updates the diff made of the source's changes, the target's
 * changes they conflicted with, and the changes of the updates that lost a compare-and-swap.
 */
public final class AppliedChanges {
    private final int updates;
    private final List<Change> conflicts;
    private final List<Change> rejected;

    /**
     * @param updates   the updates that were sent to {@code bulkUpdate}, applied or rejected
     * @param conflicts the target's changes the diff found in conflict (as {@link DiffResult#conflicts()})
     * @param rejected  the changes of the updates that conflicted when applied (as {@link Replica#bulkUpdate})
     */
    public AppliedChanges(int updates, List<Change> conflicts, List<Change> rejected) {
        this.updates = updates;
        this.conflicts = Collections.unmodifiableList(conflicts);
        this.rejected = Collections.unmodifiableList(rejected);
    }

    /** The updates the diff made of the changes, applied or rejected: none means there was nothing to send. */
    public int updates() {
        return updates;
    }

    /** The target's own changes that conflict with the source's, as the diff reports them; never null. */
    public List<Change> conflicts() {
        return conflicts;
    }

    /** The changes of the updates that conflicted with the target's data when applied; never null. */
    public List<Change> rejected() {
        return rejected;
    }
}
