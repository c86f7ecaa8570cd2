package dev.isosync.replica;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.store.ChangeCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One model's data on one side of a replication, with LoopBack's replication operations (PROTOCOL.md 2
 * and 4.1). {@link LocalReplica} implements them once over any {@link dev.isosync.store.Store}; a remote
 * replica implements them over HTTP in LoopBack's wire format. The replicator only sees this interface.
 */
public interface Replica {
    /** The model this replica holds. */
    ModelDefinition model();

    /** Bumps the checkpoint and returns the new one ({@code POST /checkpoint}). */
    Checkpoint checkpoint();

    /** The current checkpoint ({@code GET /checkpoint}). */
    long currentCheckpoint();

    /**
     * The replicable changes with {@code checkpoint >= since} in sealed checkpoints, tombstones always
     * included, the filter restricting existing instances only ({@code GET /changes}, PROTOCOL.md 2.4, 9.4.2).
     */
    List<Change> changes(long since, Filter filter);

    /**
     * One page of {@link #changes}, ordered by (checkpoint, modelId), after {@code cursor}.
     *
     * @param excludeEchoes leave out revisions that arrived by replication (for pushes, PROTOCOL.md 9.4.9)
     */
    ChangesPage changesPage(long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes);

    /**
     * {@link #changesPage} for the page that the caller will ask for next: a replica across a network may start
     * fetching it now, so that it travels while the caller applies the page before it. The default reads the page
     * only when it is asked for; either way the answer, or the exception, comes from {@link NextPage#get}.
     */
    default NextPage nextChangesPage(long since, Filter filter, ChangeCursor cursor, int limit, boolean excludeEchoes) {
        return () -> changesPage(since, filter, cursor, limit, excludeEchoes);
    }

    /** A page of changes asked for ahead of its use. */
    interface NextPage {
        /** The page, waiting for it if it is still on its way. */
        ChangesPage get();
    }

    /**
     * Bumps the checkpoint, then answers a page of changes ({@link #checkpoint}, then {@link #changesPage}): how a
     * replication from this replica starts each pass. The default makes the two calls; a server of ours answers
     * them in one request ({@code POST /sync/<plural>/pull}), one round trip fewer for every pull.
     */
    default CheckpointedPage checkpointAndChangesPage(long since, Filter filter, ChangeCursor cursor, int limit,
            boolean excludeEchoes) {
        Checkpoint checkpoint = checkpoint();
        return new CheckpointedPage(checkpoint, changesPage(since, filter, cursor, limit, excludeEchoes));
    }

    /**
     * {@link #checkpointAndChangesPage} for a caller that may not need it: a replica across a network may send the
     * request now, so that it travels while the caller reads what it needs to decide; an answer never asked for is
     * dropped, which cost the replica a checkpoint bump and nothing else. The default does the work only when it is
     * asked for; either way the answer, or the exception, comes from {@link NextCheckpointedPage#get}.
     */
    default NextCheckpointedPage startCheckpointAndChangesPage(long since, Filter filter, ChangeCursor cursor,
            int limit, boolean excludeEchoes) {
        return () -> checkpointAndChangesPage(since, filter, cursor, limit, excludeEchoes);
    }

    /** A checkpoint and page asked for ahead of its use. */
    interface NextCheckpointedPage {
        /** The answer, waiting for it if it is still on its way. */
        CheckpointedPage get();
    }

    /**
     * Compares the source's changes with this replica's ({@code POST /diff}).
     *
     * @param since this replica's checkpoint through which the source already has its changes, or
     *              {@code null} to consider all of them (what a LoopBack client gets, PROTOCOL.md 2.9)
     */
    DiffResult diff(Long since, List<Change> sourceChanges);

    /** The data for deltas found by a diff ({@code POST /create-updates}); deletes first. */
    List<Update> createUpdates(List<Change> deltas);

    /**
     * Applies updates with a per-item compare-and-swap and bumps the checkpoint with them
     * ({@code POST /bulk-update}, PROTOCOL.md 9.5).
     *
     * @return the updates that conflicted with this replica's data (empty: all applied); never null
     */
    List<Update> bulkUpdate(List<Update> updates);

    /**
     * Diff, then bulk-update of the deltas, for a source that sends the data of its changes with them: the diff
     * (as {@link #diff}) decides which changes go, rebased where it rebases them, and those are applied (as
     * {@link #bulkUpdate}), each with the data sent for its instance. The same steps as diff, createUpdates and
     * bulkUpdate, except that the source reads its data before the diff instead of after it. The default makes
     * the two calls; a server of ours answers them in one request (PROTOCOL.md 9.8).
     *
     * @param since   as for {@link #diff}
     * @param updates the source's changes, each with its record's data (none for a delete), as {@link #createUpdates}
     *                gives them
     */
    default AppliedChanges applyChanges(Long since, List<Update> updates) {
        List<Change> changes = new ArrayList<>(updates.size());
        for (Update u : updates) {
            changes.add(u.change());
        }
        DiffResult diff = diff(since, changes);
        List<Update> deltas = Update.forDeltas(diff.deltas(), updates);
        List<Change> rejected = new ArrayList<>();
        if (!deltas.isEmpty()) {
            for (Update u : bulkUpdate(deltas)) {
                rejected.add(u.change());
            }
        }
        return new AppliedChanges(deltas.size(), diff.conflicts(), rejected);
    }

    /**
     * {@link #applyChanges}, sent now and answered later: a remote sends its request at once, so that the caller can
     * read its next page while this one travels and is applied. The default does the work only when it is asked
     * for; either way the answer, or the exception, comes from {@link StartedChanges#get}.
     */
    default StartedChanges startApplyChanges(Long since, List<Update> updates) {
        return () -> applyChanges(since, updates);
    }

    /** Changes sent ahead of their answer. */
    interface StartedChanges {
        /** What {@link #applyChanges} answers, waiting for it if it is still on its way. */
        AppliedChanges get();
    }

    /** The change record of an instance, or {@code null} ({@code GET /:id/changes/last}). */
    Change findLastChange(String id);

    /**
     * Sets the {@code prev} of an instance's change record and re-stamps it, as a resolution does
     * ({@code PUT /:id/changes/last}, PROTOCOL.md 9.4.7).
     */
    Change updateLastChange(String id, Map<String, Object> data);

    /** The record (visible properties), or {@code null}. */
    Map<String, Object> findById(String id);

    /** Creates or patches a record ({@code PATCH /Todos}); returns it as stored. */
    Map<String, Object> upsert(Map<String, Object> data);

    /** Deletes a record; returns whether there was one ({@code DELETE /Todos/:id}). */
    boolean deleteById(String id);
}
