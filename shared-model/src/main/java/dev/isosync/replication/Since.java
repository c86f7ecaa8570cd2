package dev.isosync.replication;

/**
 * Where one direction of a replication stands: the source checkpoint through which its changes were
 * replicated, the target checkpoint returned by that run, and the cursor of a run that was cut off part way
 * (PROTOCOL.md 9.4.6). Immutable.
 */
public final class Since {
    /** Nothing replicated yet. */
    public static final Since START = new Since(-1, -1, null, null);

    private final long source;
    private final long target;
    private final Long resumeCheckpoint;
    private final String resumeModelId;
    private final int resumeApplied;

    public Since(long source, long target, Long resumeCheckpoint, String resumeModelId) {
        this(source, target, resumeCheckpoint, resumeModelId, 0);
    }

    /**
     * @param resumeApplied updates the unfinished run had applied when it was cut off, so that the run resuming it
     *                      reports its progress from there
     */
    public Since(long source, long target, Long resumeCheckpoint, String resumeModelId, int resumeApplied) {
        this.source = source;
        this.target = target;
        this.resumeCheckpoint = resumeCheckpoint;
        this.resumeModelId = resumeModelId;
        this.resumeApplied = resumeApplied;
    }

    /** The source checkpoint from which the next run reads changes (inclusive). */
    public long source() {
        return source;
    }

    /** The target checkpoint the last completed run returned. */
    public long target() {
        return target;
    }

    /** The checkpoint of the last page applied by an unfinished run, or {@code null}. */
    public Long resumeCheckpoint() {
        return resumeCheckpoint;
    }

    /** The model id of the last page applied by an unfinished run, or {@code null}. */
    public String resumeModelId() {
        return resumeModelId;
    }

    /** Updates an unfinished run had applied, 0 when there is none. */
    public int resumeApplied() {
        return resumeApplied;
    }

    @Override
    public String toString() {
        return "Since{source=" + source + ", target=" + target
                + (resumeCheckpoint == null ? "" : ", resume=" + resumeCheckpoint + ":" + resumeModelId) + "}";
    }
}
