package dev.isosync.server.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's side of a conflict when it was recorded: the record as clients see it ({@code null} when it
 * did not exist) and its change row's revision and checkpoint ({@code null} when it had none). Immutable.
 */
public final class ServerVersion {
    private final Map<String, Object> data;
    private final String rev;
    private final Long checkpoint;

    public ServerVersion(Map<String, Object> data, String rev, Long checkpoint) {
        this.data = data == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.rev = rev;
        this.checkpoint = checkpoint;
    }

    /** The record, or {@code null} when the server had none (deleted, or never created). */
    public Map<String, Object> data() {
        return data;
    }

    /** The change row's revision, or {@code null} (a tombstone, or no change row). */
    public String rev() {
        return rev;
    }

    /** The change row's checkpoint, or {@code null} when there was no change row. */
    public Long checkpoint() {
        return checkpoint;
    }
}
