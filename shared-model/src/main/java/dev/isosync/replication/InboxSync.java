package dev.isosync.replication;

import dev.isosync.change.Change;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.store.Store;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The replicator's part in the server's conflict inbox (README, "Admin console"). Before a pull it asks for the
 * admin's resolutions of this client's conflicts and resolves each one still open here by taking the server's
 * version (what the admin kept is the server's current version now). It asks before pulling because the pull
 * would otherwise find the record in conflict again and report it as a new one. After a pull it reports the
 * pull's conflicts, which only the client can see, with its own change and record, so the admin sees both
 * versions.
 *
 * <p>A conflict the user resolves here is remembered and, before the next pull, reported resolved, so the
 * inbox closes it (a push of the record closes it too, but taking the server's version pushes nothing).
 *
 * <p>Where it stands is kept in the local store beside the replication state: the next resolution to ask for,
 * the revision of each open conflict already reported, so an open conflict that every pull finds again is
 * reported once per local version, not once per sync, and the conflicts resolved here and not yet reported. A
 * new remote identity starts all three over.
 */
final class InboxSync {
    /** Resolutions asked for per request. */
    static final int PAGE = 200;

    private final LocalReplica local;
    private final Replica remote;
    private final ConflictInbox inbox;
    private final String key;
    /** The state the resolutions were asked with ({@link #beforePull}, {@link #askedEarly}), until taken. */
    private State askedAt;
    /** See {@link #nextSince()}. */
    private long nextSince = -1;

    /**
     * @param key where the state is kept in the store's metadata
     */
    InboxSync(LocalReplica local, Replica remote, ConflictInbox inbox, String key) {
        this.local = local;
        this.remote = remote;
        this.inbox = inbox;
        this.key = key;
    }

    /**
     * Resolves the open conflicts the admin resolved, by taking the server's version.
     *
     * @param remoteSourceId the remote's identity as the replication state knows it, or {@code null}
     * @param openConflicts  reads the ids of the conflicts open here; only called when there is a resolution
     * @param resolved       told of each conflict resolved here, so it leaves the open list
     */
    void takeResolutions(String remoteSourceId, Supplier<Set<String>> openConflicts, Conflict.Listener resolved) {
        long since = sinceAsked(remoteSourceId);
        State state = null;
        Set<String> open = null;
        while (true) {
            ResolutionsPage page = inbox.resolutions(since, PAGE);
            if (page.resolutions().isEmpty() && page.next() <= since) {
                nextSince = since;
                return; // nothing new: nothing to read or write either
            }
            if (state == null) {
                // read afresh only now: most pulls bring no resolution, and the pull waits on every read
                state = State.load(local.store(), key, remoteSourceId);
                open = openConflicts.get();
            }
            for (AdminResolution r : page.resolutions()) {
                // a version edited here since the conflict was filed is not the one the admin decided on: taking
                // the server's would lose that edit, so the conflict stays open for the user
                if (open.contains(r.modelId()) && r.decidedOn(localRev(r.modelId()))) {
                    // the remote is the target: its version, whatever the admin kept, becomes ours
                    new Conflict(r.modelId(), local, remote, resolved).resolveUsingTarget();
                    state.reported.remove(r.modelId());
                }
            }
            state.since = Math.max(state.since, page.next());
            state.save(local.store(), key);
            since = state.since;
            if (page.resolutions().size() < PAGE) {
                nextSince = since;
                return;
            }
        }
    }

    /**
     * Where the next pull will most likely ask the resolutions from: where the last {@link #takeResolutions} left
     * them; -1 before it ran. A guess, for a request sent before the state is read ({@link #askEarly}).
     */
    long nextSince() {
        return nextSince;
    }

    /**
     * Asks for the resolutions from {@code since} on to come with the next pull's start, which is sent before the
     * inbox's state is read; {@link #askedEarly} then says the guess was right, or {@link #beforePull} that it was not.
     */
    void askEarly(long since) {
        inbox.resolutionsWithNextPull(since);
    }

    /**
     * What comes before a pull whose start already asked for the resolutions from where {@code state} has them, and
     * with no resolution made here to report ({@link #beforePull} does the rest otherwise).
     */
    void askedEarly(State state) {
        askedAt = state;
    }

    /**
     * Where the resolutions were asked from by {@link #beforePull} or {@link #askEarly}, when asked for this remote;
     * else as the store has it. Taken once: the next pull asks afresh.
     */
    private long sinceAsked(String remoteSourceId) {
        State asked = askedAt;
        askedAt = null;
        if (asked != null && Objects.equals(asked.remoteSourceId, remoteSourceId)) {
            return asked.since;
        }
        return State.load(local.store(), key, remoteSourceId).since;
    }

    /** The revision of this side's current version of a record, {@code null} for a delete or none. */
    private String localRev(String modelId) {
        Change mine = local.findLastChange(modelId);
        return mine == null || mine.rev() == null || mine.rev().isEmpty() ? null : mine.rev();
    }

    /**
     * Reports the conflicts of a pull that were not reported yet in their current local version.
     *
     * @param remoteSourceId the remote's identity as the replication state knows it, or {@code null}
     * @param conflicts      the pull's conflicts
     * @param open           the ids of the conflicts open here after the pull
     */
    void report(String remoteSourceId, List<Conflict> conflicts, Set<String> open) {
        State state = State.load(local.store(), key, remoteSourceId);
        state.reported.keySet().retainAll(open); // resolved meanwhile: a new conflict there is reported again
        List<ReportedConflict> items = new ArrayList<>();
        Map<String, String> revs = new TreeMap<>();
        for (Conflict c : conflicts) {
            String id = c.modelId();
            Change mine = local.findLastChange(id);
            if (mine == null) {
                continue; // nothing of ours to show: the server's version is the only one
            }
            String rev = mine.rev() == null ? "" : mine.rev();
            if (rev.equals(state.reported.get(id))) {
                continue;
            }
            items.add(new ReportedConflict(mine, mine.rev() == null ? null : local.findById(id)));
            revs.put(id, rev);
        }
        if (!items.isEmpty()) {
            try {
                inbox.report(items);
            } catch (SyncException e) {
                if (e.statusCode() != 401 && e.statusCode() != 403) {
                    throw e; // tried again after the next pull, which finds the same conflicts
                }
                // this caller may not file conflicts of the model: it resolves them itself, so asking again on
                // every sync would only repeat the refusal
            }
            state.reported.putAll(revs);
        }
        state.save(local.store(), key);
    }

    /**
     * Remembers that the user resolved a conflict here, with the revision kept, to be reported before the next
     * pull ({@link #reportResolved}).
     *
     * @param remoteSourceId the remote's identity as the replication state knows it, or {@code null}
     */
    void resolvedHere(String remoteSourceId, String modelId) {
        State state = State.load(local.store(), key, remoteSourceId);
        state.resolved.put(modelId, localRev(modelId));
        state.save(local.store(), key);
    }

    /**
     * What comes before a pull. First the conflicts resolved here since the last report are reported. One the
     * server refuses or cannot take now is kept and reported again on the next sync; the sync goes on regardless,
     * as the pull does not depend on it. A 401 or 403 is not tried again: this caller may not file conflicts of the
     * model, so the inbox holds none of its conflicts to close. Then the admin's resolutions are asked to travel
     * with the start of the pull ({@link ConflictInbox#resolutionsWithNextPull}), so that {@link #takeResolutions}
     * needs no request of its own.
     *
     * @param state the inbox's state as {@link #read} read it at the pull's start
     */
    void beforePull(State state) {
        inbox.resolutionsWithNextPull(state.since);
        askedAt = state;
        if (!state.resolved.isEmpty()) {
            reportResolved(state.remoteSourceId, state);
        }
    }

    /**
     * The inbox's state, read in the caller's transaction: a pull reads it with the replication state, in one
     * transaction, and hands it to {@link #beforePull}.
     *
     * @param remoteSourceId the remote's identity as the replication state knows it, or {@code null}
     */
    State read(StoreTransaction tx, String remoteSourceId) {
        return State.load(tx, key, remoteSourceId);
    }

    private void reportResolved(String remoteSourceId, State state) {
        List<ResolvedConflict> items = new ArrayList<>();
        for (Map.Entry<String, String> e : state.resolved.entrySet()) {
            items.add(new ResolvedConflict(e.getKey(), e.getValue()));
        }
        try {
            inbox.reportResolved(items);
        } catch (SyncException e) {
            if (e.statusCode() != 401 && e.statusCode() != 403) {
                return; // kept for the next sync
            }
        }
        // only what was sent: the state is read afresh, so nothing resolved meanwhile is dropped
        State now = State.load(local.store(), key, remoteSourceId);
        for (ResolvedConflict c : items) {
            if (Objects.equals(now.resolved.get(c.modelId()), c.rev())) {
                now.resolved.remove(c.modelId());
            }
        }
        now.save(local.store(), key);
    }

    /** Where the inbox exchange stands, kept as JSON in the store's metadata. */
    static final class State {
        String remoteSourceId;
        long since;
        final Map<String, String> reported = new TreeMap<>();
        /** Resolved here and not yet reported: the revision kept, {@code null} for a delete. */
        final Map<String, String> resolved = new TreeMap<>();

        static State load(Store store, String key, String remoteSourceId) {
            return store.read(tx -> load(tx, key, remoteSourceId));
        }

        @SuppressWarnings("unchecked")
        static State load(StoreTransaction tx, String key, String remoteSourceId) {
            State s = new State();
            s.remoteSourceId = remoteSourceId;
            String json = tx.getMeta(key);
            if (json == null) {
                return s;
            }
            Map<String, Object> m = (Map<String, Object>) Json.parse(json);
            String known = (String) m.get("remoteSourceId");
            if (remoteSourceId != null && known != null && !known.equals(remoteSourceId)) {
                return s; // another server (a restored backup, a new database): its resolutions start over
            }
            s.since = ((Number) m.get("since")).longValue();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m.get("reported")).entrySet()) {
                s.reported.put(e.getKey(), (String) e.getValue());
            }
            Object resolved = m.get("resolved"); // absent in a state saved before resolutions were reported
            if (resolved instanceof Map) {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) resolved).entrySet()) {
                    s.resolved.put(e.getKey(), (String) e.getValue());
                }
            }
            return s;
        }

        void save(Store store, String key) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("remoteSourceId", remoteSourceId);
            m.put("since", since);
            m.put("reported", new LinkedHashMap<String, Object>(reported));
            m.put("resolved", new LinkedHashMap<String, Object>(resolved));
            String json = Json.write(m);
            store.write(tx -> {
                tx.putMeta(key, json);
                return null;
            });
        }
    }
}
