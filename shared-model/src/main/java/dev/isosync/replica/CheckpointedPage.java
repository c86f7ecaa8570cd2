package dev.isosync.replica;

import dev.isosync.change.Checkpoint;

/**
 * The first two steps of a replication from a source in one answer: the source's checkpoint, bumped, and then the
 * first page of its changes (see {@link Replica#checkpointAndChangesPage}).
 */
public final class CheckpointedPage {
    private final Checkpoint checkpoint;
    private final ChangesPage page;

    public CheckpointedPage(Checkpoint checkpoint, ChangesPage page) {
        this.checkpoint = checkpoint;
        this.page = page;
    }

    /** The source's checkpoint as the bump left it: changes written from then on fall after the run. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The page of changes, read after the bump. */
    public ChangesPage page() {
        return page;
    }
}
