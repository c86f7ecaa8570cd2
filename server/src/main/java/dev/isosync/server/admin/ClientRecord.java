package dev.isosync.server.admin;

import java.util.Objects;

/**
 * What the server knows of one replicating client: when it was first and last seen, how many requests it
 * made and how many failed, the server checkpoint it last pulled through and the checkpoint (its own) of what
 * it last pushed, with their times. Immutable; the {@code Long} fields are {@code null} until the client did
 * that.
 */
public final class ClientRecord {
    private final ClientIdentity identity;
    private final long firstSeen;
    private final long lastSeen;
    private final long requests;
    private final long errors;
    private final Long lastPulledCheckpoint;
    private final Long lastPulledAt;
    private final Long lastPushedCheckpoint;
    private final Long lastPushedAt;

    public ClientRecord(ClientIdentity identity, long firstSeen, long lastSeen, long requests, long errors,
            Long lastPulledCheckpoint, Long lastPulledAt, Long lastPushedCheckpoint, Long lastPushedAt) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.requests = requests;
        this.errors = errors;
        this.lastPulledCheckpoint = lastPulledCheckpoint;
        this.lastPulledAt = lastPulledAt;
        this.lastPushedCheckpoint = lastPushedCheckpoint;
        this.lastPushedAt = lastPushedAt;
    }

    public ClientIdentity identity() {
        return identity;
    }

    /** Epoch milliseconds. */
    public long firstSeen() {
        return firstSeen;
    }

    /** Epoch milliseconds. */
    public long lastSeen() {
        return lastSeen;
    }

    public long requests() {
        return requests;
    }

    /** Requests answered with a 4xx or 5xx. */
    public long errors() {
        return errors;
    }

    /** The server checkpoint its last pull reached, or {@code null}. */
    public Long lastPulledCheckpoint() {
        return lastPulledCheckpoint;
    }

    /** Epoch milliseconds, or {@code null}. */
    public Long lastPulledAt() {
        return lastPulledAt;
    }

    /** The highest checkpoint, in the client's numbering, of the changes it last pushed, or {@code null}. */
    public Long lastPushedCheckpoint() {
        return lastPushedCheckpoint;
    }

    /** Epoch milliseconds of its last diff or bulk-update, or {@code null}. */
    public Long lastPushedAt() {
        return lastPushedAt;
    }

    /**
     * Epoch milliseconds of its last sync, the later of its last pull and its last push, or {@code null} when it
     * did neither (it only read, wrote or asked for checkpoints).
     */
    public Long lastSyncedAt() {
        if (lastPulledAt == null || lastPushedAt == null) {
            return lastPulledAt != null ? lastPulledAt : lastPushedAt;
        }
        return Math.max(lastPulledAt, lastPushedAt);
    }
}
