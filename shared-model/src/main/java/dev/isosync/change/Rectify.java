package dev.isosync.change;

/**
 * LoopBack's {@code Change.prototype.rectify} as a pure function (PROTOCOL.md 1.6): given the stored change
 * of an instance and the instance's new revision, what the change record becomes. Stores call it in the
 * same transaction as the write, under the checkpoint lock (PROTOCOL.md 9.3).
 */
public final class Rectify {
    /** What to do with the change row. */
    public enum Action {
        /** Nothing changed: leave the row (and its checkpoint) alone. */
        KEEP,
        /** Write {@link #change()}. */
        SAVE,
        /** Remove the row: the instance never existed as far as replication is concerned. */
        REMOVE
    }

    private final Action action;
    private final Change change;

    private Rectify(Action action, Change change) {
        this.action = action;
        this.change = change;
    }

    public Action action() {
        return action;
    }

    /** The change to save (for {@code SAVE}), the unchanged one (for {@code KEEP}), or {@code null}. */
    public Change change() {
        return change;
    }

    /**
     * Rectifies one change.
     *
     * @param current    the stored change, or {@code null} when the instance has none yet
     * @param modelName  the tracked model's name
     * @param modelId    the instance's id
     * @param newRev     the instance's revision now, {@code null} when it no longer exists
     * @param checkpoint the store's current checkpoint
     * @param echo       whether this write came from replication (see {@link Change#isEcho()})
     */
    public static Rectify of(Change current, String modelName, String modelId, String newRev, long checkpoint,
            boolean echo) {
        if (current != null && java.util.Objects.equals(current.rev(), newRev)) {
            if (current.isEcho() == echo) {
                return new Rectify(Action.KEEP, current);
            }
            return new Rectify(Action.SAVE, current.withEcho(echo));
        }
        Change change = current != null ? current : Change.of(modelName, modelId, null, null);
        String currentRev = current == null ? null : current.rev();
        boolean newCheckpoint = current == null || change.checkpoint() == null || change.checkpoint() != checkpoint;
        if (newRev != null) {
            change = change.withRev(newRev);
            if (newCheckpoint) {
                // prev only moves across checkpoints: edits inside one checkpoint merge into one change
                change = current == null ? change.withoutPrev() : change.withPrev(currentRev);
            }
        } else {
            change = change.withRev(null);
            if (newCheckpoint) {
                if (Change.truthy(currentRev)) {
                    change = change.withPrev(currentRev);
                } else if (!Change.truthy(change.prev())) {
                    return new Rectify(Action.REMOVE, null);
                }
            }
        }
        return new Rectify(Action.SAVE, change.withCheckpoint(checkpoint).withEcho(echo).withModelName(modelName));
    }
}
