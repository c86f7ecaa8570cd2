package dev.isosync.server.auth;

import java.util.Objects;

/**
 * A stored access token. The store keeps the SHA-256 of the token, never the token itself, so a copy of the
 * database gives no one a working token; the token is shown once, in the answer to the login.
 *
 * @param digest  hex SHA-256 of the token
 * @param userId  the user it signs in
 * @param ttl     seconds it is valid for after {@code created}
 * @param created when it was issued, milliseconds since the epoch
 */
public record AccessToken(String digest, String userId, long ttl, long created) {
    public AccessToken {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(userId, "userId");
    }

    /** Whether the token has expired at {@code nowMillis}. */
    public boolean isExpired(long nowMillis) {
        return nowMillis >= created + ttl * 1000;
    }

    @Override
    public String toString() {
        return "AccessToken(user " + userId + ", ttl " + ttl + ")";
    }
}
