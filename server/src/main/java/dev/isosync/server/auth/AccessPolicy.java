package dev.isosync.server.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a caller may make a request, as LoopBack's {@code ACL.checkAccessForContext} does: of the
 * ACL entries for the model (and for {@code *}) that name the caller, the one matching the request most
 * specifically ({@link AclEntry#score}) decides; when none matches, the request is allowed, as a LoopBack model
 * allows what its ACLs do not mention (list {@code $everyone} DENY first to close a model). The User endpoints
 * start with LoopBack's own entries, {@code $everyone} may {@code create} (register), {@code login} and
 * {@code logout}, which an ACL file can override.
 */
final class AccessPolicy {
    private final List<AclEntry> entries = new ArrayList<>();

    AccessPolicy(SecurityConfig config) {
        for (String method : List.of("create", "login", "logout")) {
            entries.add(new AclEntry(SecurityConfig.USER_MODEL, method, null, AclEntry.PrincipalType.ROLE,
                    AclEntry.EVERYONE, Permission.ALLOW));
        }
        entries.addAll(config.entries());
    }

    /**
     * Whether {@code caller} may make the request {@code op} of {@code model}.
     *
     * @param ownerModel whether the model has an owner property ({@code $owner} names its signed-in callers)
     */
    boolean allows(Caller caller, String model, boolean ownerModel, Operation op) {
        AclEntry best = null;
        int bestScore = -1;
        for (AclEntry e : entries) {
            if (!e.names(caller, ownerModel)) {
                continue;
            }
            int score = e.score(model, op);
            if (score > bestScore) {
                best = e;
                bestScore = score;
            }
        }
        return best == null || best.permission() == Permission.ALLOW;
    }
}
