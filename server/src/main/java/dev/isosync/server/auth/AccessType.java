package dev.isosync.server.auth;

/**
 * LoopBack's access types (PROTOCOL.md 4.5). An entry granting {@link #WRITE} also matches {@link #REPLICATE}
 * requests, and {@link #EXECUTE} (or {@code *} in an ACL file) matches every request.
 */
public enum AccessType {
    READ, REPLICATE, WRITE, EXECUTE;

    /** Whether an ACL entry of this type covers a request of type {@code requested}, exactly as LoopBack scores it. */
    boolean covers(AccessType requested) {
        return this == requested || this == EXECUTE || (this == WRITE && requested == REPLICATE);
    }
}
