package dev.isosync.replication;

/** The two directions of a sync, named from the local store's side. */
public enum Direction {
    /** Local is the source, remote the target. */
    PUSH,
    /** Remote is the source, local the target. */
    PULL;

    /** The other direction. */
    public Direction other() {
        return this == PUSH ? PULL : PUSH;
    }
}
