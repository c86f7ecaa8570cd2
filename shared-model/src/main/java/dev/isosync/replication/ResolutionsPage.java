package dev.isosync.replication;

import java.util.Collections;
import java.util.List;

/** One answer of {@link ConflictInbox#resolutions}: resolutions in sequence order and where to ask next. */
public final class ResolutionsPage {
    private final List<AdminResolution> resolutions;
    private final long next;

    /**
     * @param resolutions in sequence order
     * @param next        the {@code since} of the next request
     */
    public ResolutionsPage(List<AdminResolution> resolutions, long next) {
        this.resolutions = Collections.unmodifiableList(resolutions);
        this.next = next;
    }

    /** Never null. */
    public List<AdminResolution> resolutions() {
        return resolutions;
    }

    public long next() {
        return next;
    }
}
