package dev.isosync.server.auth;

import dev.isosync.error.SyncException;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.LocalReplica;
import io.javalin.http.Context;
import java.util.List;

/**
 * Access control of one request: who the caller is (from the token the request carries, looked up once and
 * kept with the request), whether the ACLs let them make it, and which replica they see. A refused request is
 * LoopBack's 401 {@code AUTHORIZATION_REQUIRED} (PROTOCOL.md 4.5), the same whether the caller has no token, an
 * invalid one or too little access, so that the answer tells nothing else.
 *
 * <p>Beyond the ACLs: a model with an owner property serves signed-in callers only (it has to know whose records
 * they are); and with an ACL file, a request whose token is unknown, expired or revoked is refused everywhere
 * rather than served as anonymous.
 */
public final class RequestAccess {
    private static final String CALLER = "isosync.caller";

    private final Accounts accounts;
    private final AccessPolicy policy;
    private final boolean configured;

    public RequestAccess(Accounts accounts) {
        this.accounts = accounts;
        this.policy = new AccessPolicy(accounts.config());
        this.configured = accounts.config().isConfigured();
    }

    /** The users and tokens behind this access control. */
    public Accounts accounts() {
        return accounts;
    }

    /** The caller of the request, looked up on first use and kept with the request. */
    public Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            caller = accounts.authenticate(TokenTransports.candidates(ctx));
            ctx.attribute(CALLER, caller);
        }
        return caller;
    }

    /** Whether the caller may make request {@code op} of {@code model}. */
    public boolean allows(Context ctx, ModelDefinition model, Operation op) {
        Caller caller = caller(ctx);
        if (configured && caller.presentedInvalidToken()) {
            return false;
        }
        boolean owned = model.ownerName() != null;
        if (owned && !caller.isAuthenticated()) {
            return false; // whose records would they be? (PROTOCOL.md 9.7)
        }
        return policy.allows(caller, model.name(), owned, op);
    }

    /**
     * Refuses the request unless the caller may make it.
     *
     * @throws SyncException 401 {@code AUTHORIZATION_REQUIRED}
     */
    public void require(Context ctx, ModelDefinition model, Operation op) {
        if (!allows(ctx, model, op)) {
            throw denied(ctx);
        }
    }

    /**
     * Refuses a request of the User endpoints unless the caller may make it. Registration and login look only at
     * the ACLs: a client holding an expired token must still be able to sign in again.
     */
    void requireUserEndpoint(Context ctx, Operation op) {
        Caller caller = caller(ctx);
        boolean checkToken = op != Operation.REGISTER && op != Operation.LOGIN;
        if ((checkToken && configured && caller.presentedInvalidToken())
                || !policy.allows(caller, SecurityConfig.USER_MODEL, false, op)) {
            throw denied(ctx);
        }
    }

    /**
     * The replica as the caller sees it: limited to their records when the model has an owner property
     * ({@link LocalReplica#ownedBy}), else {@code replica} itself. Call after {@link #require}.
     */
    public LocalReplica scoped(Context ctx, LocalReplica replica) {
        if (replica.model().ownerName() == null) {
            return replica;
        }
        Caller caller = caller(ctx);
        if (!caller.isAuthenticated()) {
            throw denied(ctx);
        }
        return replica.ownedBy(caller.user().id());
    }

    /**
     * Whether the caller may write {@code model} (a bulk-update): the admin console files conflicts only for
     * such callers, so a reader cannot fill its inbox.
     */
    public boolean mayWrite(Context ctx, ModelDefinition model) {
        return allows(ctx, model, Operation.BULK_UPDATE);
    }

    /** Whether the request carries the token of a user with the {@code admin} role. */
    public boolean isAdmin(Context ctx) {
        return caller(ctx).roles().contains(SecurityConfig.ADMIN_ROLE);
    }

    /** Whether {@code token} (from the admin sign-in form or its cookie) is a valid token of an admin. */
    public boolean isAdminToken(String token) {
        return accounts.authenticate(List.of(token)).roles().contains(SecurityConfig.ADMIN_ROLE);
    }

    /**
     * LoopBack's 401, with a {@code WWW-Authenticate} challenge: a LoopBack client whose {@code remotes.auth}
     * holds a bearer token sends it only when challenged.
     */
    static SyncException denied(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"isosync\"");
        return new SyncException(401, "Error", "AUTHORIZATION_REQUIRED", "Authorization Required", null);
    }
}
