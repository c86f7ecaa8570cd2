package dev.isosync.change;

/** What a change record says happened, from the truthiness of {@code rev} and {@code prev} (PROTOCOL.md 1.3). */
public enum ChangeType {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    UNKNOWN("unknown");

    private final String wireName;

    ChangeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name LoopBack uses on the wire, e.g. {@code "create"}. */
    public String wireName() {
        return wireName;
    }

    /** The type of that wire name, or {@code null} when it is none of them. */
    public static ChangeType fromWire(String name) {
        for (ChangeType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
