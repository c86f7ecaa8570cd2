package dev.isosync.change;

import java.util.Objects;

/**
 * The change record of one model instance: its current revision, the revision it had at the end of the
 * previous checkpoint, and the checkpoint it was last stamped with (PROTOCOL.md 1.1). Immutable.
 *
 * <p>{@code prev} is three-valued, as in LoopBack: absent (JavaScript {@code undefined}), {@code null}, or a
 * revision. {@link #isBasedOn(Change)} is strict equality, so an absent {@code prev} is based on nothing,
 * while a {@code null} one is based on a tombstone (PROTOCOL.md 9.3.2).
 *
 * <p>{@code echo} is local bookkeeping that never goes on the wire: the revision arrived by replication (or
 * was adopted from the other side), so our replicator never pushes it back (PROTOCOL.md 9.4.9).
 *
 * <p>{@code owner} is local bookkeeping too: for a model with an owner property, the owner of the instance,
 * kept with its change row so that a tombstone stays scoped to its owner after the record is gone
 * (PROTOCOL.md 9.7); {@code null} for models without one.
 */
public final class Change {
    private final String modelName;
    private final String modelId;
    private final String rev;
    private final String prev;
    private final boolean hasPrev;
    private final Long checkpoint;
    private final boolean echo;
    private final String owner;

    private Change(String modelName, String modelId, String rev, String prev, boolean hasPrev, Long checkpoint,
            boolean echo, String owner) {
        this.modelName = modelName;
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.rev = rev;
        this.prev = hasPrev ? prev : null;
        this.hasPrev = hasPrev;
        this.checkpoint = checkpoint;
        this.echo = echo;
        this.owner = owner;
    }

    /** A change with no {@code prev} (absent), not an echo. */
    public static Change of(String modelName, String modelId, String rev, Long checkpoint) {
        return new Change(modelName, modelId, rev, null, false, checkpoint, false, null);
    }

    /** The same change with {@code prev} set to a revision or to {@code null} (present). */
    public Change withPrev(String value) {
        return new Change(modelName, modelId, rev, value, true, checkpoint, echo, owner);
    }

    /** The same change with {@code prev} absent. */
    public Change withoutPrev() {
        return new Change(modelName, modelId, rev, null, false, checkpoint, echo, owner);
    }

    public Change withRev(String value) {
        return new Change(modelName, modelId, value, prev, hasPrev, checkpoint, echo, owner);
    }

    public Change withCheckpoint(Long value) {
        return new Change(modelName, modelId, rev, prev, hasPrev, value, echo, owner);
    }

    public Change withEcho(boolean value) {
        return new Change(modelName, modelId, rev, prev, hasPrev, checkpoint, value, owner);
    }

    /** The same change owned by {@code value} ({@code null}: no owner). */
    public Change withOwner(String value) {
        return new Change(modelName, modelId, rev, prev, hasPrev, checkpoint, echo, value);
    }

    public Change withModelName(String value) {
        return new Change(value, modelId, rev, prev, hasPrev, checkpoint, echo, owner);
    }

    /** The tracked model's name on the side that wrote this record (it differs between client and server). */
    public String modelName() {
        return modelName;
    }

    /** The tracked instance's id; replicas match changes by this alone. Never null. */
    public String modelId() {
        return modelId;
    }

    /** The current revision, or {@code null} when the instance no longer exists. */
    public String rev() {
        return rev;
    }

    /** The previous revision; {@code null} when absent or null (see {@link #hasPrev()}). */
    public String prev() {
        return prev;
    }

    /** Whether {@code prev} is present (possibly {@code null}) rather than absent. */
    public boolean hasPrev() {
        return hasPrev;
    }

    /** The checkpoint this change was stamped with, or {@code null} when the sender gave none. */
    public Long checkpoint() {
        return checkpoint;
    }

    /** The checkpoint, or {@code fallback} when there is none. */
    public long checkpointOr(long fallback) {
        return checkpoint == null ? fallback : checkpoint;
    }

    public boolean isEcho() {
        return echo;
    }

    /** The owner of the instance, or {@code null} when its model has no owner property (never on the wire). */
    public String owner() {
        return owner;
    }

    /** Create, update, delete or unknown, from the truthiness of {@code rev} and {@code prev}. */
    public ChangeType type() {
        boolean revSet = truthy(rev);
        boolean prevSet = truthy(prev);
        if (revSet) {
            return prevSet ? ChangeType.UPDATE : ChangeType.CREATE;
        }
        return prevSet ? ChangeType.DELETE : ChangeType.UNKNOWN;
    }

    /** LoopBack's {@code equals}: same revision, an empty revision counting as none (two tombstones are equal). */
    public boolean sameRevision(Change other) {
        return Objects.equals(normalized(rev), normalized(other.rev));
    }

    /** LoopBack's {@code isBasedOn}: {@code this.prev === other.rev}, an absent {@code prev} matching nothing. */
    public boolean isBasedOn(Change other) {
        return hasPrev && Objects.equals(prev, other.rev);
    }

    /**
     * LoopBack's {@code conflictsWith}: the revisions differ, not both are deletes, and this change was not
     * made on top of {@code other}.
     */
    public boolean conflictsWith(Change other) {
        if (sameRevision(other)) {
            return false;
        }
        if (type() == ChangeType.DELETE && other.type() == ChangeType.DELETE) {
            return false;
        }
        return !isBasedOn(other);
    }

    static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }

    private static String normalized(String s) {
        return truthy(s) ? s : null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Change)) {
            return false;
        }
        Change c = (Change) o;
        return Objects.equals(modelName, c.modelName) && modelId.equals(c.modelId) && Objects.equals(rev, c.rev)
                && hasPrev == c.hasPrev && Objects.equals(prev, c.prev) && Objects.equals(checkpoint, c.checkpoint)
                && echo == c.echo && Objects.equals(owner, c.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelName, modelId, rev, prev, checkpoint);
    }

    @Override
    public String toString() {
        return modelName + "/" + modelId + "{rev=" + rev + ", prev=" + (hasPrev ? prev : "absent") + ", checkpoint="
                + checkpoint + (echo ? ", echo" : "") + (owner != null ? ", owner=" + owner : "") + "}";
    }
}
