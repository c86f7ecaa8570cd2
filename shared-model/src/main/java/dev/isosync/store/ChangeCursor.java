package dev.isosync.store;

import dev.isosync.change.Change;

/** A position in the (checkpoint, modelId) order of change rows, for keyset paging (PROTOCOL.md 9.4.5). */
public final class ChangeCursor {
    private final long checkpoint;
    private final String modelId;

    public ChangeCursor(long checkpoint, String modelId) {
        this.checkpoint = checkpoint;
        this.modelId = modelId;
    }

    /** The cursor just after {@code change}. */
    public static ChangeCursor after(Change change) {
        return new ChangeCursor(change.checkpointOr(0), change.modelId());
    }

    public long checkpoint() {
        return checkpoint;
    }

    public String modelId() {
        return modelId;
    }

    /** Whether a row at (checkpoint, modelId) comes after this cursor. */
    public boolean precedes(long rowCheckpoint, String rowModelId) {
        return rowCheckpoint > checkpoint || (rowCheckpoint == checkpoint && rowModelId.compareTo(modelId) > 0);
    }

    @Override
    public String toString() {
        return checkpoint + ":" + modelId;
    }
}
