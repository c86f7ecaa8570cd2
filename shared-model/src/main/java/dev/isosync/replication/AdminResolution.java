package dev.isosync.replication;

/**
 * How an admin resolved one of this client's conflicts in the server's inbox. Whatever was kept is the
 * server's current version now, so the client takes the server's version of the record. Immutable.
 */
public final class AdminResolution {
    private final long seq;
    private final long conflictId;
    private final String modelId;
    private final String resolution;

    /**
     * @param seq        the resolution's sequence number on the server
     * @param conflictId the conflict's id in the inbox
     * @param modelId    the record
     * @param resolution {@code server}, {@code client} or {@code merge}
     */
    public AdminResolution(long seq, long conflictId, String modelId, String resolution) {
        this.seq = seq;
        this.conflictId = conflictId;
        this.modelId = modelId;
        this.resolution = resolution;
    }

    public long seq() {
        return seq;
    }

    public long conflictId() {
        return conflictId;
    }

    public String modelId() {
        return modelId;
    }

    /** {@code server}, {@code client} or {@code merge}. */
    public String resolution() {
        return resolution;
    }

    @Override
    public String toString() {
        return "AdminResolution{" + seq + ": conflict " + conflictId + " on " + modelId + " kept " + resolution + "}";
    }
}
