package dev.isosync.server.auth;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One endpoint as an ACL sees it: LoopBack's method name (with the aliases LoopBack also matches an entry's
 * {@code property} against) and its access type, as PROTOCOL.md 4.1 and 4.5 map them. Immutable.
 */
public final class Operation {
    // the replication endpoints (PROTOCOL.md 4.1)
    public static final Operation CHANGES = new Operation(AccessType.READ, "changes");
    public static final Operation DIFF = new Operation(AccessType.READ, "diff");
    public static final Operation CHECKPOINT = new Operation(AccessType.REPLICATE, "checkpoint");
    public static final Operation CURRENT_CHECKPOINT = new Operation(AccessType.READ, "currentCheckpoint");
    public static final Operation CREATE_UPDATES = new Operation(AccessType.READ, "createUpdates");
    public static final Operation BULK_UPDATE = new Operation(AccessType.WRITE, "bulkUpdate");
    public static final Operation FIND_LAST_CHANGE = new Operation(AccessType.READ, "findLastChange");
    public static final Operation UPDATE_LAST_CHANGE = new Operation(AccessType.WRITE, "updateLastChange");
    public static final Operation CHANGE_STREAM = new Operation(AccessType.READ, "createChangeStream");
    // the ordinary model endpoints (PROTOCOL.md 9.1.2)
    public static final Operation FIND = new Operation(AccessType.READ, "find");
    public static final Operation FIND_ONE = new Operation(AccessType.READ, "findOne");
    public static final Operation FIND_BY_ID = new Operation(AccessType.READ, "findById");
    public static final Operation EXISTS = new Operation(AccessType.READ, "exists");
    public static final Operation COUNT = new Operation(AccessType.READ, "count");
    public static final Operation CREATE = new Operation(AccessType.WRITE, "create");
    public static final Operation PATCH_OR_CREATE = new Operation(AccessType.WRITE, "patchOrCreate", "upsert",
            "updateOrCreate");
    public static final Operation REPLACE_OR_CREATE = new Operation(AccessType.WRITE, "replaceOrCreate");
    public static final Operation REPLACE_BY_ID = new Operation(AccessType.WRITE, "replaceById");
    public static final Operation PATCH_ATTRIBUTES = new Operation(AccessType.WRITE, "patchAttributes",
            "updateAttributes");
    public static final Operation DELETE_BY_ID = new Operation(AccessType.WRITE, "deleteById", "destroyById",
            "removeById");
    // our clients' extensions (PROTOCOL.md 9.8): the paged change list reads, a conflict report writes
    public static final Operation SYNC_CHANGES = new Operation(AccessType.READ, "changes");
    public static final Operation REPORT_CONFLICTS = new Operation(AccessType.WRITE, "reportConflicts");
    public static final Operation RESOLUTIONS = new Operation(AccessType.READ, "resolutions");
    // the User endpoints
    public static final Operation REGISTER = new Operation(AccessType.WRITE, "create");
    public static final Operation LOGIN = new Operation(AccessType.EXECUTE, "login");
    public static final Operation LOGOUT = new Operation(AccessType.EXECUTE, "logout");

    private final AccessType accessType;
    private final List<String> names;

    private Operation(AccessType accessType, String name, String... aliases) {
        this.accessType = accessType;
        String[] all = new String[aliases.length + 1];
        all[0] = name;
        System.arraycopy(aliases, 0, all, 1, aliases.length);
        this.names = Collections.unmodifiableList(Arrays.asList(all));
    }

    public AccessType accessType() {
        return accessType;
    }

    /** LoopBack's method name. */
    public String name() {
        return names.get(0);
    }

    /** The method name and its aliases: an ACL entry's {@code property} matches any of them. */
    public List<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return name() + " (" + accessType + ")";
    }
}
