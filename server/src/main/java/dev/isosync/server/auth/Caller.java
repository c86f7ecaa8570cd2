package dev.isosync.server.auth;

import java.util.Collections;
import java.util.Set;

/**
 * Who made a request: a signed-in user with their roles, or nobody. A request that carried a token which is
 * unknown, expired or revoked is anonymous and says so ({@link #presentedInvalidToken()}): a server with an
 * ACL file refuses it everywhere, rather than serving it as anonymous. Immutable.
 */
public final class Caller {
    /** A request without a token. */
    public static final Caller ANONYMOUS = new Caller(null, null, Collections.emptySet(), false);

    private final User user;
    private final String tokenDigest;
    private final Set<String> roles;
    private final boolean invalidToken;

    private Caller(User user, String tokenDigest, Set<String> roles, boolean invalidToken) {
        this.user = user;
        this.tokenDigest = tokenDigest;
        this.roles = roles;
        this.invalidToken = invalidToken;
    }

    /** A user signed in with the token whose digest is given. */
    static Caller user(User user, String tokenDigest, Set<String> roles) {
        return new Caller(user, tokenDigest, Collections.unmodifiableSet(roles), false);
    }

    /** A request whose token is unknown, expired or revoked. */
    static Caller invalidToken() {
        return new Caller(null, null, Collections.emptySet(), true);
    }

    /** The signed-in user, or {@code null}. */
    public User user() {
        return user;
    }

    public boolean isAuthenticated() {
        return user != null;
    }

    /** The digest of the token the user signed in with ({@code null} when anonymous): logout revokes it. */
    String tokenDigest() {
        return tokenDigest;
    }

    /** The named roles of the user ({@code admin}, ...), from the ACL file; empty when anonymous. */
    public Set<String> roles() {
        return roles;
    }

    /** Whether the request carried a token that is unknown, expired or revoked. */
    public boolean presentedInvalidToken() {
        return invalidToken;
    }

    @Override
    public String toString() {
        return user != null ? user + " " + roles : invalidToken ? "invalid token" : "anonymous";
    }
}
