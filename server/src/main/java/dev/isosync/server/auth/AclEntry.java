package dev.isosync.server.auth;

import java.util.Objects;

/**
 * One entry of a model's ACL, in LoopBack's terms: which requests it matches ({@code property}: a method name or
 * {@code *}; {@code accessType}: READ, REPLICATE, WRITE, EXECUTE or {@code *}), whom it names (a ROLE, one of
 * {@code $everyone}, {@code $authenticated}, {@code $unauthenticated}, {@code $owner} or a named role, or a USER
 * by id, username or email), and its permission. Immutable.
 */
public final class AclEntry {
    /** LoopBack's {@code $everyone}: every caller. */
    public static final String EVERYONE = "$everyone";
    /** Callers with a valid token. */
    public static final String AUTHENTICATED = "$authenticated";
    /** Callers without one. */
    public static final String UNAUTHENTICATED = "$unauthenticated";
    /** The owner of the records a request touches: any signed-in caller of a model with an owner property. */
    public static final String OWNER = "$owner";
    /** What {@code *} stands for in {@code model}, {@code property} and {@code accessType}. */
    public static final String ALL = "*";

    /** Whom an entry names. */
    public enum PrincipalType {
        ROLE, USER
    }

    private final String model;
    private final String property;
    private final AccessType accessType;
    private final PrincipalType principalType;
    private final String principalId;
    private final Permission permission;

    /**
     * @param model      a model name or {@code *}
     * @param property   a method name or {@code *}
     * @param accessType the access type, or {@code null} for {@code *}
     */
    public AclEntry(String model, String property, AccessType accessType, PrincipalType principalType,
            String principalId, Permission permission) {
        this.model = Objects.requireNonNull(model, "model");
        this.property = Objects.requireNonNull(property, "property");
        this.accessType = accessType;
        this.principalType = Objects.requireNonNull(principalType, "principalType");
        this.principalId = Objects.requireNonNull(principalId, "principalId");
        this.permission = Objects.requireNonNull(permission, "permission");
    }

    public String model() {
        return model;
    }

    public Permission permission() {
        return permission;
    }

    /** Whether the entry names this caller (LoopBack keeps only such entries before it scores them). */
    boolean names(Caller caller, boolean ownerModel) {
        if (principalType == PrincipalType.USER) {
            User u = caller.user();
            return u != null && (principalId.equals(u.id()) || principalId.equals(u.username())
                    || principalId.equalsIgnoreCase(u.email()));
        }
        switch (principalId) {
            case EVERYONE:
                return true;
            case AUTHENTICATED:
                return caller.isAuthenticated();
            case UNAUTHENTICATED:
                return !caller.isAuthenticated();
            case OWNER:
                // a scoped caller only ever touches its own records (PROTOCOL.md 9.7)
                return caller.isAuthenticated() && ownerModel;
            default:
                return caller.roles().contains(principalId);
        }
    }

    /**
     * How specifically this entry matches a request, or -1 when it does not: LoopBack's
     * {@code ACL.getMatchingScore}. Model, property and access type each score 3 for an exact match and 2 for
     * {@code *}; then a USER entry outranks a ROLE entry; among roles a named role outranks {@code $owner},
     * which outranks {@code $authenticated} and {@code $unauthenticated}, which outrank {@code $everyone};
     * last, DENY outranks ALLOW.
     */
    int score(String requestModel, Operation op) {
        int score = 0;
        int part = model.equals(requestModel) ? 3 : model.equals(ALL) ? 2 : -1;
        if (part < 0) {
            return -1;
        }
        score = score * 4 + part;
        part = op.names().contains(property) ? 3 : property.equals(ALL) ? 2 : -1;
        if (part < 0) {
            return -1;
        }
        score = score * 4 + part;
        part = accessType == null ? 2 : accessType.covers(op.accessType()) ? 3 : -1;
        if (part < 0) {
            return -1;
        }
        score = score * 4 + part;
        score = score * 4 + (principalType == PrincipalType.USER ? 4 : 2);
        int role = 0;
        if (principalType == PrincipalType.ROLE) {
            switch (principalId) {
                case OWNER:
                    role = 4;
                    break;
                case AUTHENTICATED:
                case UNAUTHENTICATED:
                    role = 2;
                    break;
                case EVERYONE:
                    role = 1;
                    break;
                default:
                    role = 5;
            }
        }
        score = score * 8 + role;
        // LoopBack's permission order: ALLOW 1, DENY 4, less one
        return score * 4 + (permission == Permission.DENY ? 3 : 0);
    }

    @Override
    public String toString() {
        return model + "." + property + " " + (accessType == null ? ALL : accessType) + " " + principalType + " "
                + principalId + " " + permission;
    }
}
