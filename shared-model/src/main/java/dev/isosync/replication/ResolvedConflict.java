package dev.isosync.replication;

/**
 * A conflict the client resolved itself, as it tells the server's inbox: the record and the revision the client
 * kept ({@code null} when it kept a delete). Immutable.
 */
public final class ResolvedConflict {
    private final String modelId;
    private final String rev;

    /**
     * @param modelId the record's id
     * @param rev     the revision the client kept, or {@code null} when it kept a delete
     */
    public ResolvedConflict(String modelId, String rev) {
        this.modelId = modelId;
        this.rev = rev;
    }

    public String modelId() {
        return modelId;
    }

    /** The revision the client kept, or {@code null} when it kept a delete. */
    public String rev() {
        return rev;
    }
}
