package dev.isosync.server.admin;

/**
 * What one request of a client amounted to, gathered while it runs and stored once when it ends: who, when,
 * whether it failed, and what it pulled, pushed or wrote. {@link AdminStore#recordRequest} turns it into the
 * client's counters and checkpoints and the model's activity of that minute. A record without a client stands
 * for the server's own writes (an admin's resolution): activity only.
 */
public final class RequestRecord {
    private final ClientIdentity client;
    private long at;
    private boolean failed;
    private String model;
    private boolean sync;
    private Long pulledCheckpoint;
    private Long pushedCheckpoint;
    private boolean pushed;
    private int changes;

    /**
     * @param client who sent the request, or {@code null} for the server's own writes
     * @param at     when it arrived, epoch milliseconds
     */
    public RequestRecord(ClientIdentity client, long at) {
        this.client = client;
        this.at = at;
    }

    /** Who sent the request, or {@code null} for the server's own writes. */
    public ClientIdentity client() {
        return client;
    }

    /** When the request was seen, epoch milliseconds. */
    public long at() {
        return at;
    }

    RequestRecord at(long value) {
        this.at = value;
        return this;
    }

    /** Whether it was answered with a 4xx or 5xx. */
    public boolean failed() {
        return failed;
    }

    RequestRecord failed(boolean value) {
        this.failed = value;
        return this;
    }

    /** The model the request was about, or {@code null} (an unknown path). */
    public String model() {
        return model;
    }

    /** Whether it was a replication request (checkpoint, changes, diff, create-updates, bulk-update, ...). */
    public boolean sync() {
        return sync;
    }

    RequestRecord sync(String modelName) {
        this.model = modelName;
        this.sync = true;
        return this;
    }

    /** The server checkpoint the client has pulled through with this request, or {@code null}. */
    public Long pulledCheckpoint() {
        return pulledCheckpoint;
    }

    RequestRecord pulled(long checkpoint) {
        this.pulledCheckpoint = pulledCheckpoint == null ? checkpoint : Math.max(pulledCheckpoint, checkpoint);
        return this;
    }

    /** Whether the request pushed (a diff or a bulk-update). */
    public boolean pushed() {
        return pushed;
    }

    /** The highest checkpoint, in the client's own numbering, of the changes it pushed, or {@code null}. */
    public Long pushedCheckpoint() {
        return pushedCheckpoint;
    }

    RequestRecord pushed(Long checkpoint) {
        this.pushed = true;
        if (checkpoint != null) {
            this.pushedCheckpoint = pushedCheckpoint == null ? checkpoint : Math.max(pushedCheckpoint, checkpoint);
        }
        return this;
    }

    /** How many records the request wrote. */
    public int changes() {
        return changes;
    }

    /** Adds {@code count} records of {@code modelName} written. */
    public RequestRecord changed(String modelName, int count) {
        this.model = modelName;
        this.changes += count;
        return this;
    }
}
