package dev.isosync.server.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's side of a conflict as the client sent it: its record, or {@code null} when the client deleted
 * it. A conflict whose client version is not known (a diff carries changes, not data) has no
 * {@code ClientVersion} at all. Immutable.
 */
public final class ClientVersion {
    /** The client deleted the record. */
    public static final ClientVersion DELETED = new ClientVersion(null);

    private final Map<String, Object> data;

    public ClientVersion(Map<String, Object> data) {
        this.data = data == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The client's record, or {@code null} when the client deleted it. */
    public Map<String, Object> data() {
        return data;
    }
}
