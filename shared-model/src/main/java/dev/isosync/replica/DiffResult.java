package dev.isosync.replica;

import dev.isosync.change.Change;
import java.util.Collections;
import java.util.List;

/** What {@code diff} answers: the source changes to send, and the target changes they conflict with. */
public final class DiffResult {
    private final List<Change> deltas;
    private final List<Change> conflicts;

    public DiffResult(List<Change> deltas, List<Change> conflicts) {
        this.deltas = Collections.unmodifiableList(deltas);
        this.conflicts = Collections.unmodifiableList(conflicts);
    }

    /** The source's changes the target should receive (possibly rebased); never null. */
    public List<Change> deltas() {
        return deltas;
    }

    /** The target's own changes that conflict with the source's (LoopBack reports the target side); never null. */
    public List<Change> conflicts() {
        return conflicts;
    }
}
