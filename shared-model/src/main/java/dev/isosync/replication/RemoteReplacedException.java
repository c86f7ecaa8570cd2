package dev.isosync.replication;

import dev.isosync.error.SyncException;

/**
 * The remote answered with another store identity than the one replicated with before (a restored backup,
 * a new database). The replicator then starts again from the beginning (PROTOCOL.md 9.3.5).
 */
public final class RemoteReplacedException extends SyncException {
    private final String actualSourceId;

    public RemoteReplacedException(String expected, String actual) {
        super(409, "Error", "REMOTE_REPLACED", "The remote store changed identity from " + expected + " to " + actual
                + "; replication must restart from the beginning", null);
        this.actualSourceId = actual;
    }

    /** The remote's identity now. */
    public String actualSourceId() {
        return actualSourceId;
    }
}
