package dev.isosync.replication;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A push followed by a pull. */
public final class SyncResult {
    private final ReplicationResult push;
    private final ReplicationResult pull;

    SyncResult(ReplicationResult push, ReplicationResult pull) {
        this.push = push;
        this.pull = pull;
    }

    public ReplicationResult push() {
        return push;
    }

    public ReplicationResult pull() {
        return pull;
    }

    /** The conflicts of both directions. */
    public List<Conflict> conflicts() {
        List<Conflict> all = new ArrayList<>(push.conflicts());
        all.addAll(pull.conflicts());
        return Collections.unmodifiableList(all);
    }
}
