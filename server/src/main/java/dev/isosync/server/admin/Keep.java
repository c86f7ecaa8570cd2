package dev.isosync.server.admin;

/**
 * How a conflict of the inbox ended: which version an admin made the server's current one, or that the client
 * resolved it on its own ({@link #byClient()}).
 */
public enum Keep {
    /** An admin kept the server's version; nothing is written. */
    SERVER("server", false),
    /** An admin wrote the client's version as the server's (a client's delete deletes). */
    CLIENT("client", false),
    /** An admin wrote an edited record as the server's. */
    MERGE("merge", false),
    /**
     * The client resolved it itself and then pushed that record, which the server applied (a bulk-update item
     * of the record, a delete included): whatever it kept is the server's version now.
     */
    CLIENT_PUSHED("client-pushed", true),
    /**
     * The client resolved it itself and said so ({@code POST /sync/<plural>/conflicts/resolved}); needed where
     * it pushes nothing, as when it takes the server's version.
     */
    CLIENT_REPORTED("client-reported", true);

    private final String wireName;
    private final boolean byClient;

    Keep(String wireName, boolean byClient) {
        this.wireName = wireName;
        this.byClient = byClient;
    }

    /** The name in the API, e.g. {@code "merge"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the client closed the conflict itself. Such a resolution is never sent to the client through
     * {@code /resolutions} (it knows already) and has no resolution sequence number.
     */
    public boolean byClient() {
        return byClient;
    }

    /** Who resolved it, as the admin API shows it: {@code "admin"} or {@code "client"}. */
    public String resolvedBy() {
        return byClient ? "client" : "admin";
    }

    /** The resolution of a {@link #wireName()}, or {@code null}. */
    public static Keep fromWire(String name) {
        for (Keep k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** An admin's choice ({@code "server"}, {@code "client"}, {@code "merge"}) of that name, or {@code null}. */
    public static Keep adminChoice(String name) {
        Keep k = fromWire(name);
        return k == null || k.byClient ? null : k;
    }
}
