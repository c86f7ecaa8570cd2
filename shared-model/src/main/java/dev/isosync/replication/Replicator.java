package dev.isosync.replication;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.query.Filter;
import dev.isosync.replica.AppliedChanges;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.CheckpointedPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.replica.Update;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replicates one model between a local replica and another (remote or local) replica: PROTOCOL.md 2 with
 * the rules of 9.4. A sync is a push then a pull, each a short loop over named steps:
 * checkpoints, changes, diff, createUpdates, bulkUpdate.
 *
 * <p>Where each direction stands, the remote's identity and the open conflicts are kept in the local
 * store (see {@link ReplicationState}), so a replicator can be created anew for every sync. One kept between
 * syncs also sends a pull's first request while it reads where the pull stands, on the guess that the store is as
 * its last pull left it, and reads the answer only when the store bears the guess out. Not thread-safe: run one
 * sync at a time per local store and remote.
 */
public final class Replicator {
    /**
     * The most changes a pull's first page asks for, whatever the page size: a small first page comes back soonest,
     * so a first sync shows its first records early (and draws them cheaply), while the next, full page travels.
     */
    public static final int FIRST_PULL_PAGE = 250;

    /** Passes per run at most: later passes only carry writes made during the earlier ones (PROTOCOL.md 2.2). */
    static final int MAX_PASSES = 3;

    private final LocalReplica local;
    private final Replica remote;
    private final String stateKey;
    private final int pageSize;
    private final Filter filter;
    private final String inboxKey;
    private Progress progress = (direction, applied) -> { };
    /** Our server's conflict inbox, or {@code null} (any other remote, or a replicator that resolves alone). */
    private InboxSync inbox;
    /** Set when a run found the remote replaced and started over. */
    private boolean remoteReplaced;
    /**
     * The start of the next pull as the last one left the state: sent before the state is read, and used only when
     * the state asks for the same ({@link FirstPull#matches}); {@code null} before a pull succeeded here.
     */
    private FirstPull nextPull;
    /** The current pull's first request, sent early and found right, until the first pass takes it. */
    private Replica.NextCheckpointedPage earlyFirstPage;
    /** The remote's identity as the last run left the state. */
    private String remoteSourceIdSeen;

    /** Told after every batch, so a long first sync can show how far it got. */
    public interface Progress {
        /**
         * @param direction the direction being replicated
         * @param applied   updates the target took so far in this run, counting those of the cut-off run it
         *                  resumes (PROTOCOL.md 9.4.6), so a long first sync's count goes on where it stopped
         */
        void batchApplied(Direction direction, int applied);
    }

    /**
     * @param local     the side whose state is kept
     * @param remote    the other side
     * @param remoteKey names the remote (its URL, say); replication state is kept per model and remote key
     * @param pageSize  changes per batch, at least 1 (a pull asks for at most {@link #FIRST_PULL_PAGE} first)
     * @param filter    restricts the source's existing instances (tombstones always pass), or {@link Filter#ALL}
     */
    public Replicator(LocalReplica local, Replica remote, String remoteKey, int pageSize, Filter filter) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        this.local = local;
        this.remote = remote;
        this.stateKey = "replication/" + local.model().name() + "/" + remoteKey;
        this.inboxKey = "inbox/" + local.model().name() + "/" + remoteKey;
        this.pageSize = pageSize;
        this.filter = filter;
    }

    /** Sets who is told about progress; never null. */
    public void onProgress(Progress value) {
        this.progress = value;
    }

    /**
     * Takes part in the server's conflict inbox, as our clients do (README, "Admin console"): before every pull,
     * the conflicts resolved here since the last one are reported resolved, and those an admin resolved are
     * resolved here by taking the server's version; after a pull, its conflicts are reported with the local
     * change and record. Only for a remote that is our server and a
     * transport that sends the client's {@code X-Client-Id}; without it the replicator leaves every conflict to
     * the local side, as a LoopBack client does.
     *
     * @param value usually the remote replica itself
     * @return this replicator
     */
    public Replicator withConflictInbox(ConflictInbox value) {
        this.inbox = new InboxSync(local, remote, value, inboxKey);
        return this;
    }

    /** A replicator with batches of 500 and no filter. */
    public Replicator(LocalReplica local, Replica remote, String remoteKey) {
        this(local, remote, remoteKey, 500, Filter.ALL);
    }

    /**
     * Pushes, then pulls. A failure of either is thrown; what was done before it stays done. When the pull finds
     * the remote replaced (a push with nothing to send does not ask the remote, so it cannot notice), everything
     * is pushed again, so the new remote gets this side's data in the same sync.
     */
    public SyncResult sync() {
        ReplicationResult push = push();
        remoteReplaced = false;
        ReplicationResult pull = pull();
        if (remoteReplaced) {
            push = push();
        }
        return new SyncResult(push, pull);
    }

    /**
     * Pulls, then pushes: for a sync the remote asked for when nothing here waits to be pushed, so that the remote's
     * change is applied first. Consecutive syncs alternate push and pull either way; this only starts with the
     * pull. The push after it finds the remote replaced if the pull did, and then sends this side's writes again.
     */
    public SyncResult pullThenPush() {
        ReplicationResult pull = pull();
        ReplicationResult push = push();
        return new SyncResult(push, pull);
    }

    /** Replicates local changes to the remote. */
    public ReplicationResult push() {
        return replicate(Direction.PUSH, loadState());
    }

    /**
     * Replicates remote changes to the local replica. With a conflict inbox, the admin's resolutions are taken
     * before the first page is applied: pulled before them, a record the admin resolved would be found in
     * conflict again and reported as a new conflict. Our server sends them with the pull's first page.
     */
    public ReplicationResult pull() {
        FirstPull guess = nextPull;
        nextPull = null;
        Replica.NextCheckpointedPage early = null;
        if (guess != null) {
            // sent on the guess that the state is as the last pull left it, so that it travels while the state is read
            if (inbox != null) {
                inbox.askEarly(guess.resolutionsSince);
            }
            early = remote.startCheckpointAndChangesPage(guess.since, filter, null, firstPageSize(Direction.PULL),
                    false);
        }
        // the replication state, and the conflict inbox's when there is one, in one read
        InboxSync.State[] read = {null};
        ReplicationState state = local.store().read(tx -> {
            ReplicationState s = loadState(tx);
            read[0] = inbox == null ? null : inbox.read(tx, s.remoteSourceId);
            return s;
        });
        InboxSync.State inboxState = read[0];
        boolean guessed = guess != null && guess.matches(state, inboxState);
        if (inbox != null) {
            if (guessed) {
                inbox.askedEarly(inboxState);
            } else {
                inbox.beforePull(inboxState);
            }
        }
        // a request that asked anything else than the state asks goes unread: it only bumped the remote's checkpoint
        earlyFirstPage = guessed ? early : null;
        ReplicationResult result;
        try {
            result = replicate(Direction.PULL, state);
        } finally {
            earlyFirstPage = null;
        }
        if (inbox != null && !result.conflicts().isEmpty()) {
            ReplicationState after = loadState();
            inbox.report(after.remoteSourceId, result.conflicts(), after.conflicts);
        }
        if (inbox == null || inbox.nextSince() >= 0) {
            nextPull = new FirstPull(remoteSourceIdSeen, result.sourceCheckpoint(),
                    inbox == null ? -1 : inbox.nextSince());
        }
        return result;
    }

    /**
     * What a pull's first request asks for: the changes from {@code since} on, with the resolutions from
     * {@code resolutionsSince} on (-1 without a conflict inbox), of the remote known as {@code remoteSourceId}.
     */
    private static final class FirstPull {
        final String remoteSourceId;
        final long since;
        final long resolutionsSince;

        FirstPull(String remoteSourceId, long since, long resolutionsSince) {
            this.remoteSourceId = remoteSourceId;
            this.since = since;
            this.resolutionsSince = resolutionsSince;
        }

        /**
         * Whether the pull that {@code state} and {@code inboxState} (null without an inbox) describe starts with
         * this request: from the same point, of the same remote, not resuming a cut-off run, and with no resolution
         * made here waiting to be reported before the pull.
         */
        boolean matches(ReplicationState state, InboxSync.State inboxState) {
            Since pull = state.since(Direction.PULL);
            boolean inboxAsks = inboxState == null
                    || inboxState.since == resolutionsSince && inboxState.resolved.isEmpty();
            return pull.source() == since && pull.resumeCheckpoint() == null
                    && Objects.equals(state.remoteSourceId, remoteSourceId) && inboxAsks;
        }
    }

    /** The conflicts still open, each with the local replica as the source ("mine") and the remote as the target. */
    public List<Conflict> openConflicts() {
        List<Conflict> out = new ArrayList<>();
        ReplicationState state = ReplicationState.load(local.store(), stateKey);
        if (state != null) {
            for (String id : state.conflicts) {
                out.add(new Conflict(id, local, remote, this::resolved));
            }
        }
        return out;
    }

    /** Where a direction stands (for status displays and tests). */
    public Since since(Direction direction) {
        ReplicationState state = ReplicationState.load(local.store(), stateKey);
        return state == null ? Since.START : state.since(direction);
    }

    /** A conflict resolved here: it leaves the open list and, with an inbox, is reported on the next pull. */
    private void resolved(String modelId) {
        ReplicationState state = leaveOpenList(modelId);
        if (state != null && inbox != null) {
            inbox.resolvedHere(state.remoteSourceId, modelId);
        }
    }

    /** Takes a conflict off the open list; returns the state when it was open, else {@code null}. */
    private ReplicationState leaveOpenList(String modelId) {
        ReplicationState state = ReplicationState.load(local.store(), stateKey);
        if (state == null || !state.conflicts.contains(modelId)) {
            return null;
        }
        TreeSet<String> open = new TreeSet<>(state.conflicts);
        open.remove(modelId);
        state.withConflicts(open).save(local.store(), stateKey);
        return state;
    }

    /** The run's state, in one object rather than loose fields. */
    private final class Run {
        final Direction direction;
        final Replica source;
        final Replica target;
        ReplicationState state;
        long sourceSince;
        final long targetSince;
        ChangeCursor cursor;
        final Map<String, Change> conflicts = new LinkedHashMap<>();
        int applied;
        /** Updates applied by the cut-off run this one resumes. */
        int appliedBefore;
        /** The target's checkpoint as this pass bumped it, or -1 while a push has not needed the remote yet. */
        long targetBump = -1;
        /** The pass's first page, read with the source's checkpoint bump; {@code null} once taken. */
        ChangesPage firstPage;

        Run(Direction direction, ReplicationState state) {
            this.direction = direction;
            this.source = direction == Direction.PUSH ? local : remote;
            this.target = direction == Direction.PUSH ? remote : local;
            this.state = state;
            Since mine = state.since(direction);
            this.sourceSince = mine.source();
            // the target part of since is the source part of the other direction, fixed for the whole run:
            // the target's changes the local side has not yet seen must all be considered (PROTOCOL.md 9.4.3)
            this.targetSince = state.since(direction.other()).source();
            if (mine.resumeCheckpoint() != null) {
                cursor = new ChangeCursor(mine.resumeCheckpoint(), mine.resumeModelId());
                appliedBefore = mine.resumeApplied();
            }
        }
    }

    /** A run in one direction, from {@code state} as just read from the store. */
    private ReplicationResult replicate(Direction direction, ReplicationState state) {
        try {
            return replicateOnce(direction, state);
        } catch (RemoteReplacedException e) {
            // the remote shares no history with what we remember: start over from the beginning (PROTOCOL.md 9.3.5)
            ReplicationState fresh = ReplicationState.fresh(e.actualSourceId());
            fresh.save(local.store(), stateKey);
            remoteReplaced = true;
            return replicateOnce(direction, fresh);
        }
    }

    private ReplicationResult replicateOnce(Direction direction, ReplicationState state) {
        Run run = new Run(direction, state);
        // the target part of since is kept for LoopBack's sake; a push that never needed the remote keeps it
        long newTarget = run.state.since(direction).target();
        long newSource = -1;
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            newSource = bumpCheckpoints(run);
            if (pass == 1 && direction == Direction.PULL && inbox != null) {
                // the admin's resolutions are known to the server: they leave the open list without being reported
                inbox.takeResolutions(run.state.remoteSourceId, () -> loadState().conflicts, this::leaveOpenList);
            }
            int updates = replicateChanges(run);
            if (direction == Direction.PULL) {
                bumpTarget(run);
            }
            newTarget = run.targetBump >= 0 ? run.targetBump : newTarget;
            if (!run.conflicts.isEmpty() || updates == 0) {
                break;
            }
            run.sourceSince = newSource;
        }
        finish(run, newSource, newTarget);
        remoteSourceIdSeen = run.state.remoteSourceId;
        List<Conflict> conflicts = new ArrayList<>();
        for (String id : run.conflicts.keySet()) {
            conflicts.add(new Conflict(id, run.source, run.target, this::resolved));
        }
        return new ReplicationResult(direction, conflicts, run.applied, newSource, newTarget);
    }

    /**
     * Step 1: bump the source's checkpoint, so writes made there from now on fall after this run; returns it. The
     * target's checkpoint is bumped after the source's too, but later ({@link #bumpTarget}), since nothing of this
     * run reads it back (the next run in the other direction starts from its own source's bump, PROTOCOL.md 9.4.3):
     * a push bumps the remote only once it has something to send, so a sync whose push finds nothing new costs the
     * remote nothing; a pull bumps the local store once the pass is applied, so a change pulled is applied (and on
     * screen) one step sooner.
     */
    private long bumpCheckpoints(Run run) {
        // the first page comes with the bump: from our server, one request instead of two; a pull's first may be on
        // its way already (see pull)
        Replica.NextCheckpointedPage asked = earlyFirstPage != null ? earlyFirstPage
                : run.source.startCheckpointAndChangesPage(run.sourceSince, filter, run.cursor,
                        firstPageSize(run.direction), run.direction == Direction.PUSH);
        earlyFirstPage = null;
        CheckpointedPage first = asked.get();
        Checkpoint source = first.checkpoint();
        run.firstPage = first.page();
        run.targetBump = -1;
        if (run.direction == Direction.PULL) {
            checkRemoteIdentity(run, source);
        }
        return source.seq();
    }

    /** The size of a pass's first page: a pull's is small ({@link #FIRST_PULL_PAGE}). */
    private int firstPageSize(Direction direction) {
        return direction == Direction.PULL ? Math.min(pageSize, FIRST_PULL_PAGE) : pageSize;
    }

    /** Bumps the target's checkpoint once per pass, after the source's. */
    private void bumpTarget(Run run) {
        if (run.targetBump < 0) {
            Checkpoint target = run.target.checkpoint();
            if (run.direction == Direction.PUSH) {
                checkRemoteIdentity(run, target);
            }
            run.targetBump = target.seq();
        }
    }

    /** Notices a remote with another identity than last time (a restored backup, a new database). */
    private void checkRemoteIdentity(Run run, Checkpoint remoteCheckpoint) {
        String id = remoteCheckpoint.sourceId();
        if (id != null && run.state.remoteSourceId != null && !id.equals(run.state.remoteSourceId)) {
            throw new RemoteReplacedException(run.state.remoteSourceId, id);
        }
        if (id != null && run.state.remoteSourceId == null) {
            run.state = new ReplicationState(id, run.state.push, run.state.pull, run.state.conflicts);
            run.state.save(local.store(), stateKey);
        }
    }

    /** Steps 2-5 over every page of source changes; returns how many updates were sent to the target. */
    private int replicateChanges(Run run) {
        int sent = 0;
        boolean push = run.direction == Direction.PUSH;
        // the pass's first page came with the checkpoint bump; every later one is asked for ahead
        ChangesPage first = run.firstPage;
        run.firstPage = null;
        Replica.NextPage ahead = () -> first;
        do {
            ChangesPage page = ahead.get();
            // the next page travels while this one is applied; should this one fail, its answer goes unread
            ahead = page.next() == null ? null
                    : run.source.nextChangesPage(run.sourceSince, filter, page.next(), pageSize, push);
            // the open list is read for each page: a conflict resolved while this run goes on is re-stamped and
            // must travel with the next pass, not be left out by the list read when the run began (PROTOCOL.md 9.4.7)
            if (push) {
                Set<String> open = page.changes().isEmpty() ? Collections.emptySet() : loadState().conflicts;
                // a push reads its next page while this one travels to the target
                ReadAhead next = ahead == null ? null : new ReadAhead(ahead);
                ahead = next;
                sent += pushChanges(run, page, withoutOpenConflicts(page.changes(), open), next);
            } else {
                sent += pullChanges(run, page);
            }
            run.cursor = page.next();
            if (run.cursor != null) {
                saveResumePoint(run);
            }
        } while (run.cursor != null);
        return sent;
    }

    /**
     * Saves where the run stands, so that a run cut off from here on resumes after its last page (PROTOCOL.md
     * 9.4.6); saved over the stored state, read in the same transaction, so that resolutions made meanwhile stay
     * resolved.
     */
    private void saveResumePoint(Run run) {
        run.state = local.store().write(tx -> {
            ReplicationState stored = loadState(tx);
            Since resume = new Since(run.sourceSince, stored.since(run.direction).target(),
                    run.cursor.checkpoint(), run.cursor.modelId(), run.appliedBefore + run.applied);
            ReplicationState next = withConflicts(stored.with(run.direction, resume), run.conflicts.keySet());
            next.save(tx, stateKey);
            return next;
        });
    }

    /**
     * Step 4 without a round trip: the updates for {@code deltas} made from the records the page came with, as
     * create-updates would make them (deletes first); {@code null} when the source sent no records or one is
     * missing, so that create-updates decides (PROTOCOL.md 9.8).
     */
    private static List<Update> updatesFromPage(ChangesPage page, List<Change> deltas) {
        if (page.records() == null) {
            return null;
        }
        List<Update> updates = Update.forDeltas(deltas, page.records());
        return Update.withoutData(updates) == null ? updates : null;
    }

    /**
     * Steps 3-5 of a push: the remote diffs the local changes and applies the deltas, with the data read here
     * beforehand, in one call ({@link Replica#applyChanges}). An empty page asks nothing: its diff is empty. While the
     * call travels, the page after this one is read ({@code next}, null for none).
     */
    private int pushChanges(Run run, ChangesPage page, List<Change> changes, ReadAhead next) {
        if (changes.isEmpty()) {
            return 0;
        }
        bumpTarget(run);
        List<Update> updates = updatesFromPage(page, changes);
        if (updates == null) {
            updates = run.source.createUpdates(changes);
        }
        Replica.StartedChanges started = run.target.startApplyChanges(run.targetSince, inChangeOrder(changes, updates));
        if (next != null) {
            next.read();
        }
        AppliedChanges result = started.get();
        for (Change c : result.conflicts()) {
            run.conflicts.put(c.modelId(), c);
        }
        for (Change c : result.rejected()) {
            run.conflicts.put(c.modelId(), c); // union with the diff's (PROTOCOL.md 9.4.4)
        }
        batchDone(run, result.updates(), result.rejected().size());
        return result.updates();
    }

    /**
     * Steps 3-5 of a pull: the local diff, the data for the deltas (with the page, or else from the remote's
     * create-updates), the local bulk-update. An empty page asks nothing.
     */
    private int pullChanges(Run run, ChangesPage page) {
        List<Change> changes = page.changes();
        if (changes.isEmpty()) {
            return 0;
        }
        // the open list as it is now, read with the local changes
        DiffResult diff = local.diff(run.targetSince, changes, tx -> loadState(tx).conflicts);
        for (Change c : diff.conflicts()) {
            run.conflicts.put(c.modelId(), c);
        }
        if (diff.deltas().isEmpty()) {
            return 0;
        }
        List<Update> updates = updatesFromPage(page, diff.deltas());
        if (updates == null) {
            updates = run.source.createUpdates(diff.deltas());
        }
        List<Update> race = local.bulkUpdate(updates);
        for (Update u : race) {
            run.conflicts.put(u.change().modelId(), u.change()); // union with the diff's (PROTOCOL.md 9.4.4)
        }
        batchDone(run, updates.size(), race.size());
        return updates.size();
    }

    private void batchDone(Run run, int sent, int rejected) {
        if (sent > 0) {
            run.applied += sent - rejected;
            progress.batchApplied(run.direction, run.appliedBefore + run.applied);
        }
    }

    /** The updates in the order of their changes, so that the diff sees the page as it was listed. */
    private static List<Update> inChangeOrder(List<Change> changes, List<Update> updates) {
        Map<String, Update> byId = new HashMap<>();
        for (Update u : updates) {
            byId.put(u.change().modelId(), u);
        }
        List<Update> out = new ArrayList<>(updates.size());
        for (Change c : changes) {
            Update u = byId.remove(c.modelId());
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    private static List<Change> withoutOpenConflicts(List<Change> changes, Set<String> open) {
        if (open.isEmpty()) {
            return changes;
        }
        // until the user decides, a later push must not overwrite the other side (PROTOCOL.md 9.4.7)
        List<Change> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            if (!open.contains(c.modelId())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Our clients advance {@code since} after every run and keep the conflicts in the open list. */
    private void finish(Run run, long newSource, long newTarget) {
        local.store().write(tx -> {
            ReplicationState state = loadState(tx).with(run.direction, new Since(newSource, newTarget, null, null));
            withConflicts(state, run.conflicts.keySet()).save(tx, stateKey);
            return null;
        });
    }

    private static ReplicationState withConflicts(ReplicationState state, Set<String> ids) {
        TreeSet<String> open = new TreeSet<>(state.conflicts);
        open.addAll(ids);
        return state.withConflicts(open);
    }

    private ReplicationState loadState() {
        return local.store().read(this::loadState);
    }

    private ReplicationState loadState(StoreTransaction tx) {
        ReplicationState state = ReplicationState.load(tx, stateKey);
        return state != null ? state : ReplicationState.fresh(null);
    }

    /** Forgets everything remembered about the remote, so the next sync starts from the beginning. */
    public void reset() {
        nextPull = null;
        ReplicationState.fresh(null).save(local.store(), stateKey);
    }
}
