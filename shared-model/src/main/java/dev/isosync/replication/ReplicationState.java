package dev.isosync.replication;

import dev.isosync.json.Json;
import dev.isosync.store.Store;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a local store remembers of its replication with one remote, per model: where each direction
 * stands, the remote's identity, and the open conflicts (PROTOCOL.md 9.4.7). Kept as JSON in the store's
 * metadata, so it survives restarts and is written in the same store as the data.
 */
final class ReplicationState {
    final String remoteSourceId;
    final Since push;
    final Since pull;
    final TreeSet<String> conflicts;

    ReplicationState(String remoteSourceId, Since push, Since pull, TreeSet<String> conflicts) {
        this.remoteSourceId = remoteSourceId;
        this.push = push;
        this.pull = pull;
        this.conflicts = conflicts;
    }

    static ReplicationState fresh(String remoteSourceId) {
        return new ReplicationState(remoteSourceId, Since.START, Since.START, new TreeSet<>());
    }

    Since since(Direction d) {
        return d == Direction.PUSH ? push : pull;
    }

    ReplicationState with(Direction d, Since value) {
        return d == Direction.PUSH ? new ReplicationState(remoteSourceId, value, pull, conflicts)
                : new ReplicationState(remoteSourceId, push, value, conflicts);
    }

    ReplicationState withConflicts(TreeSet<String> value) {
        return new ReplicationState(remoteSourceId, push, pull, value);
    }

    static ReplicationState load(Store store, String key) {
        return store.read(tx -> load(tx, key));
    }

    /** The state kept under {@code key}, read in the caller's transaction; {@code null} when there is none. */
    static ReplicationState load(StoreTransaction tx, String key) {
        String json = tx.getMeta(key);
        if (json == null) {
            return null;
        }
        return fromJson(json);
    }

    void save(Store store, String key) {
        store.write(tx -> {
            save(tx, key);
            return null;
        });
    }

    /** Saves under {@code key} in the caller's write transaction. */
    void save(StoreTransaction tx, String key) {
        tx.putMeta(key, toJson());
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remoteSourceId", remoteSourceId);
        m.put("push", sinceJson(push));
        m.put("pull", sinceJson(pull));
        m.put("conflicts", new ArrayList<Object>(conflicts));
        return Json.write(m);
    }

    @SuppressWarnings("unchecked")
    static ReplicationState fromJson(String json) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(json);
        TreeSet<String> conflicts = new TreeSet<>();
        for (Object id : (List<Object>) m.get("conflicts")) {
            conflicts.add((String) id);
        }
        return new ReplicationState((String) m.get("remoteSourceId"), since((Map<String, Object>) m.get("push")),
                since((Map<String, Object>) m.get("pull")), conflicts);
    }

    private static Map<String, Object> sinceJson(Since s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("target", s.target());
        if (s.resumeCheckpoint() != null) {
            m.put("resumeCheckpoint", s.resumeCheckpoint());
            m.put("resumeModelId", s.resumeModelId());
            m.put("resumeApplied", s.resumeApplied());
        }
        return m;
    }

    private static Since since(Map<String, Object> m) {
        Object rc = m.get("resumeCheckpoint");
        Object applied = m.get("resumeApplied"); // absent in a state saved before progress was kept
        return new Since(((Number) m.get("source")).longValue(), ((Number) m.get("target")).longValue(),
                rc == null ? null : ((Number) rc).longValue(), (String) m.get("resumeModelId"),
                applied instanceof Number ? ((Number) applied).intValue() : 0);
    }
}
