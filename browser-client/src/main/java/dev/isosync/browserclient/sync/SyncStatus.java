package dev.isosync.browserclient.sync;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What the UI shows of replication: reachability, activity, the last success, pending work and conflicts. */
public final class SyncStatus {
    /** One open conflict as the user sees it: their own version and the server's. */
    public static final class ConflictView {
        public final String id;
        /** This device's version, or {@code null} where it deleted the todo. */
        public final Map<String, Object> mine;
        /** The server's version, or {@code null} where it was deleted there. */
        public final Map<String, Object> theirs;

        public ConflictView(String id, Map<String, Object> mine, Map<String, Object> theirs) {
            this.id = id;
            this.mine = mine;
            this.theirs = theirs;
        }
    }

    public final boolean online;
    public final boolean syncing;
    /** Epoch milliseconds of the last sync that finished, or 0. */
    public final double lastSynced;
    /** Local changes not yet pushed. */
    public final int pending;
    public final List<ConflictView> conflicts;
    /** Why the last sync failed, or {@code null}. */
    public final String error;

    public SyncStatus(boolean online, boolean syncing, double lastSynced, int pending, List<ConflictView> conflicts,
            String error) {
        this.online = online;
        this.syncing = syncing;
        this.lastSynced = lastSynced;
        this.pending = pending;
        this.conflicts = Collections.unmodifiableList(conflicts);
        this.error = error;
    }
}
