package dev.isosync.server.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How and when a conflict was resolved: the version kept (or that the client resolved it itself), the record the
 * server then held ({@code null} when it held none), and an admin resolution's sequence number, which orders
 * resolutions for the clients that learn of them ({@code GET /sync/<plural>/resolutions?since=}). Immutable.
 */
public final class Resolution {
    private final Keep keep;
    private final Map<String, Object> data;
    private final String rev;
    private final long resolvedAt;
    private final long seq;

    public Resolution(Keep keep, Map<String, Object> data, String rev, long resolvedAt, long seq) {
        this.keep = Objects.requireNonNull(keep, "keep");
        this.data = data == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.rev = rev;
        this.resolvedAt = resolvedAt;
        this.seq = seq;
    }

    public Keep keep() {
        return keep;
    }

    /** The server's record after the resolution, or {@code null} when it has none (deleted). */
    public Map<String, Object> data() {
        return data;
    }

    /** The revision of {@link #data()}, or {@code null}. */
    public String rev() {
        return rev;
    }

    /** When, epoch milliseconds. */
    public long resolvedAt() {
        return resolvedAt;
    }

    /**
     * Increases with every admin resolution, across models and server processes; at least 1. {@code 0} for a
     * resolution by the client ({@link Keep#byClient()}), which no client is told of.
     */
    public long seq() {
        return seq;
    }
}
