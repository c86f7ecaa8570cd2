package dev.isosync.replication;

import java.util.Collections;
import java.util.List;

/** The outcome of one direction: its conflicts, what it applied, and the checkpoints it ended at. */
public final class ReplicationResult {
    private final Direction direction;
    private final List<Conflict> conflicts;
    private final int applied;
    private final long sourceCheckpoint;
    private final long targetCheckpoint;

    ReplicationResult(Direction direction, List<Conflict> conflicts, int applied, long sourceCheckpoint,
            long targetCheckpoint) {
        this.direction = direction;
        this.conflicts = Collections.unmodifiableList(conflicts);
        this.applied = applied;
        this.sourceCheckpoint = sourceCheckpoint;
        this.targetCheckpoint = targetCheckpoint;
    }

    public Direction direction() {
        return direction;
    }

    /** Conflicts found in this run (from diff and from bulk-update together); never null. */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** How many updates the target took. */
    public int applied() {
        return applied;
    }

    public long sourceCheckpoint() {
        return sourceCheckpoint;
    }

    public long targetCheckpoint() {
        return targetCheckpoint;
    }

    @Override
    public String toString() {
        return direction + "{applied=" + applied + ", conflicts=" + conflicts + "}";
    }
}
