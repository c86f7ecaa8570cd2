package dev.isosync.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Hashes and checks passwords with bcrypt (salted, cost {@value #COST}), the scheme LoopBack's {@code User}
 * model uses. A password never leaves this class in any other form than its hash.
 */
final class PasswordHasher {
    /** bcrypt's work factor: about 50 ms per hash on a current server core. */
    static final int COST = 10;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    static final int MAX_BYTES = 72;

    /**
     * A hash to check against when the user does not exist, so that a login for an unknown name takes as long
     * as one with a wrong password and does not tell which names exist.
     */
    private final String decoy = hash("decoy password that matches nothing");

    /** The bcrypt hash of {@code password} ({@code $2a$10$...}), with a new random salt. */
    String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** Whether {@code password} matches {@code hash}; with a {@code null} hash, checks the decoy and says no. */
    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        boolean verified = BCrypt.verifyer().verify(password.toCharArray(), hash == null ? decoy : hash).verified;
        return hash != null && verified;
    }
}
