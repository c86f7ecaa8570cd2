package dev.isosync.browserclient.sync;

import dev.isosync.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    /** Records received so far by the sync under way (0 when idle). */
    public final int received;
    /** The server refused the last sync for want of a valid access token (401): someone must sign in. */
    public final boolean signInNeeded;

    public SyncStatus(boolean online, boolean syncing, double lastSynced, int pending, List<ConflictView> conflicts,
            String error, int received, boolean signInNeeded) {
        this.received = received;
        this.signInNeeded = signInNeeded;
        this.online = online;
        this.syncing = syncing;
        this.lastSynced = lastSynced;
        this.pending = pending;
        this.conflicts = Collections.unmodifiableList(conflicts);
        this.error = error;
    }

    /** The status as JSON, for the tabs that show what the syncing tab does. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("online", online);
        m.put("syncing", syncing);
        m.put("lastSynced", lastSynced);
        m.put("pending", pending);
        m.put("error", error);
        m.put("received", received);
        m.put("signInNeeded", signInNeeded);
        List<Object> list = new ArrayList<>();
        for (ConflictView c : conflicts) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", c.id);
            v.put("mine", c.mine);
            v.put("theirs", c.theirs);
            list.add(v);
        }
        m.put("conflicts", list);
        return Json.write(m);
    }

    /** Reads {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public static SyncStatus fromJson(String json) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(json);
        List<ConflictView> conflicts = new ArrayList<>();
        for (Object o : (List<Object>) m.get("conflicts")) {
            Map<String, Object> v = (Map<String, Object>) o;
            conflicts.add(new ConflictView((String) v.get("id"), (Map<String, Object>) v.get("mine"),
                    (Map<String, Object>) v.get("theirs")));
        }
        return new SyncStatus(Boolean.TRUE.equals(m.get("online")), Boolean.TRUE.equals(m.get("syncing")),
                ((Number) m.get("lastSynced")).doubleValue(), ((Number) m.get("pending")).intValue(), conflicts,
                (String) m.get("error"), ((Number) m.get("received")).intValue(),
                Boolean.TRUE.equals(m.get("signInNeeded")));
    }
}
