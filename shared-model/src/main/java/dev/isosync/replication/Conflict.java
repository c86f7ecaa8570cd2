package dev.isosync.replication;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance whose source and target versions conflict, with LoopBack's inspection and resolution
 * methods (PROTOCOL.md 3). Works whichever side is local or remote. A resolution is re-stamped on the side
 * it changes, so the next sync carries it (PROTOCOL.md 9.4.7), and it leaves the replicator's list of open
 * conflicts.
 */
public final class Conflict {
    /** Told when a conflict has been resolved, so it leaves the open list. */
    interface Listener {
        void resolved(String modelId);
    }

    private final String modelId;
    private final Replica source;
    private final Replica target;
    private final Listener listener;

    Conflict(String modelId, Replica source, Replica target, Listener listener) {
        this.modelId = modelId;
        this.source = source;
        this.target = target;
        this.listener = listener;
    }

    public String modelId() {
        return modelId;
    }

    public Replica source() {
        return source;
    }

    public Replica target() {
        return target;
    }

    /** The source's and the target's record ({@code null} where deleted), in that order. */
    public Versions<Map<String, Object>> models() {
        return new Versions<>(source.findById(modelId), target.findById(modelId));
    }

    /** The source's and the target's change record ({@code null} where there is none). */
    public Versions<Change> changes() {
        return new Versions<>(source.findLastChange(modelId), target.findLastChange(modelId));
    }

    /** {@code UPDATE} when both sides updated, {@code DELETE} when either deleted, else {@code UNKNOWN}. */
    public ChangeType type() {
        Versions<Change> c = changes();
        ChangeType s = c.source() == null ? ChangeType.UNKNOWN : c.source().type();
        ChangeType t = c.target() == null ? ChangeType.UNKNOWN : c.target().type();
        if (s == ChangeType.UPDATE && t == ChangeType.UPDATE) {
            return ChangeType.UPDATE;
        }
        if (s == ChangeType.DELETE || t == ChangeType.DELETE) {
            return ChangeType.DELETE;
        }
        return ChangeType.UNKNOWN;
    }

    /** The same conflict seen from the other side: source and target swapped. */
    public Conflict swapParties() {
        return new Conflict(modelId, target, source, listener);
    }

    /**
     * Keeps the source's version: rebases the source's change onto the target's revision, so the next
     * replication from source to target applies it.
     */
    public void resolve() {
        Change targetChange = target.findLastChange(modelId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("prev", targetChange == null ? null : targetChange.rev());
        if (source.findLastChange(modelId) == null) {
            throw new SyncException(409, "Error", "NO_CHANGE", "Cannot resolve " + source.model().name() + " "
                    + Json.write(modelId) + ": the source has no change record", null);
        }
        source.updateLastChange(modelId, data);
        listener.resolved(modelId);
    }

    /** Same as {@link #resolve()}: the source's version wins. */
    public void resolveUsingSource() {
        resolve();
    }

    /** The target's version wins: the source takes the target's data (or deletes, if the target did). */
    public void resolveUsingTarget() {
        Map<String, Object> theirs = target.findById(modelId);
        if (source instanceof LocalReplica) {
            ((LocalReplica) source).adopt(modelId, theirs); // adopted data is an echo, never pushed back
        } else if (theirs == null) {
            source.deleteById(modelId);
        } else {
            source.upsert(theirs);
        }
        listener.resolved(modelId);
    }

    /**
     * Resolves with merged data: the source (or, where the source deleted, the target) record with
     * {@code data}'s properties set, stored on the source and then made to win. {@code null} deletes the
     * record on the source and makes the delete win.
     */
    public void resolveManually(Map<String, Object> data) {
        if (data == null) {
            source.deleteById(modelId);
        } else {
            Versions<Map<String, Object>> m = models();
            Map<String, Object> merged = new LinkedHashMap<>(m.source() != null ? m.source()
                    : m.target() != null ? m.target() : Collections.emptyMap());
            merged.putAll(data);
            merged.put(source.model().idName(), modelId);
            source.upsert(merged);
        }
        resolve();
    }

    @Override
    public String toString() {
        return "Conflict{" + source.model().name() + " " + modelId + "}";
    }

    /** A pair of values, the source's and the target's. */
    public static final class Versions<T> {
        private final T source;
        private final T target;

        Versions(T source, T target) {
            this.source = source;
            this.target = target;
        }

        public T source() {
            return source;
        }

        public T target() {
            return target;
        }
    }
}
