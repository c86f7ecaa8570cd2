package dev.isosync.replication;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
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

    /**
     * The conflicting records of both directions, each once: a record whose conflict the push found is
     * considered again by the pull (it is open), and is reported as the push saw it (local as the source).
     */
    public List<Conflict> conflicts() {
        List<Conflict> all = new ArrayList<>(push.conflicts());
        Set<String> seen = new HashSet<>();
        for (Conflict c : all) {
            seen.add(c.modelId());
        }
        for (Conflict c : pull.conflicts()) {
            if (seen.add(c.modelId())) {
                all.add(c);
            }
        }
        return Collections.unmodifiableList(all);
    }
}
