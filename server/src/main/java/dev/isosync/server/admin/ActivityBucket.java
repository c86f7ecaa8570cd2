package dev.isosync.server.admin;

import java.util.Objects;

/** One model's activity in one minute: records written, replication requests, new conflicts. Immutable. */
public final class ActivityBucket {
    private final String model;
    private final long minute;
    private final long changes;
    private final long syncs;
    private final long conflicts;

    /**
     * @param minute epoch milliseconds divided by 60,000
     */
    public ActivityBucket(String model, long minute, long changes, long syncs, long conflicts) {
        this.model = Objects.requireNonNull(model, "model");
        this.minute = minute;
        this.changes = changes;
        this.syncs = syncs;
        this.conflicts = conflicts;
    }

    public String model() {
        return model;
    }

    /** The minute: epoch milliseconds divided by 60,000. */
    public long minute() {
        return minute;
    }

    /** Records written through the API (creates, updates, deletes, replicated updates, resolutions). */
    public long changes() {
        return changes;
    }

    /** Replication requests. */
    public long syncs() {
        return syncs;
    }

    /** Conflicts that entered the inbox (a repeated sighting of an open one does not count again). */
    public long conflicts() {
        return conflicts;
    }
}
