package dev.isosync.change;

/**
 * A store's checkpoint counter as {@code POST /checkpoint} returns it: {@code seq}, the creation {@code time}
 * of the counter (LoopBack never updates it), the row {@code id}, and the store's {@code sourceId}
 * (PROTOCOL.md 1.5 and 9.3.5).
 */
public final class Checkpoint {
    private final long seq;
    private final String time;
    private final String sourceId;

    public Checkpoint(long seq, String time, String sourceId) {
        this.seq = seq;
        this.time = time;
        this.sourceId = sourceId;
    }

    public long seq() {
        return seq;
    }

    /** ISO-8601 creation time of the counter, or {@code null} when the remote did not send one. */
    public String time() {
        return time;
    }

    /** The store's identity, or {@code null} when the remote (a LoopBack server) does not set one. */
    public String sourceId() {
        return sourceId;
    }

    @Override
    public String toString() {
        return "Checkpoint{seq=" + seq + ", sourceId=" + sourceId + "}";
    }
}
