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
    private final boolean clientRevKnown;
    private final String clientRev;

    /**
     * @param seq        the resolution's sequence number on the server
     * @param conflictId the conflict's id in the inbox
     * @param modelId    the record
     * @param resolution {@code server}, {@code client} or {@code merge}
     */
    public AdminResolution(long seq, long conflictId, String modelId, String resolution) {
        this(seq, conflictId, modelId, resolution, false, null);
    }

    /**
     * @param clientRevKnown whether the server said which version of the client's the admin decided on (an older
     *                       server does not)
     * @param clientRev      that version's revision, {@code null} for a delete
     */
    public AdminResolution(long seq, long conflictId, String modelId, String resolution, boolean clientRevKnown,
            String clientRev) {
        this.seq = seq;
        this.conflictId = conflictId;
        this.modelId = modelId;
        this.resolution = resolution;
        this.clientRevKnown = clientRevKnown;
        this.clientRev = clientRev;
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

    /**
     * Whether the admin decided on the client's version with revision {@code rev} ({@code null}: a delete). When
     * the server did not say which version it was, any.
     */
    public boolean decidedOn(String rev) {
        return !clientRevKnown || java.util.Objects.equals(clientRev, rev);
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
