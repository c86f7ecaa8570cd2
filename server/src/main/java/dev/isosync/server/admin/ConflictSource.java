package dev.isosync.server.admin;

/** Where the server learnt of a conflict. */
public enum ConflictSource {
    /** A diff of a push reported it (PROTOCOL.md 2.5); the client's data is unknown unless it deleted. */
    DIFF("diff"),
    /** A bulk-update answered 409 for it (PROTOCOL.md 2.7); the update carried the client's data. */
    BULK_UPDATE("bulk-update"),
    /** Our client reported a conflict of its pull, which only the client can see (PROTOCOL.md 9.8). */
    CLIENT_REPORT("client-report");

    private final String wireName;

    ConflictSource(String wireName) {
        this.wireName = wireName;
    }

    /** The name the admin API shows, e.g. {@code "bulk-update"}. */
    public String wireName() {
        return wireName;
    }

    /** The source of a {@link #wireName()}, or {@code null}. */
    public static ConflictSource fromWire(String name) {
        for (ConflictSource s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
