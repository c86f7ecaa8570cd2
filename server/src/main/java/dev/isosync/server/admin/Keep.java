package dev.isosync.server.admin;

/** How an admin resolved a conflict: which version became the server's current one. */
public enum Keep {
    /** The server's version stays; nothing is written. */
    SERVER("server"),
    /** The client's version is written as the server's (a client's delete deletes). */
    CLIENT("client"),
    /** An edited record is written as the server's. */
    MERGE("merge");

    private final String wireName;

    Keep(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API, e.g. {@code "merge"}. */
    public String wireName() {
        return wireName;
    }

    /** The choice of a {@link #wireName()}, or {@code null}. */
    public static Keep fromWire(String name) {
        for (Keep k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
