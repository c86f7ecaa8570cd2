package dev.isosync.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin credential: a secret token, from configuration or generated at start. Until the server has users
 * and roles, whoever holds it is the admin. Immutable.
 */
public final class AdminToken {
    /** Shortest token accepted: a guessable admin credential is worse than none. */
    public static final int MIN_LENGTH = 16;
    /** Longest token accepted; it travels in a header and a cookie. */
    public static final int MAX_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;

    private AdminToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * A configured token.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} or longer than
     *     {@value #MAX_LENGTH} characters, or has a character other than letters, digits and
     *     {@code - _ . ~ + / =} (what a cookie and a Bearer header carry unquoted)
     */
    public static AdminToken of(String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("The admin token " + problem);
        }
        return new AdminToken(value);
    }

    /** Why {@code value} cannot be an admin token, or {@code null} when it can. */
    public static String problem(String value) {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            return "must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.~+/=".indexOf(c) >= 0;
            if (!ok) {
                return "may hold only letters, digits and - _ . ~ + / =";
            }
        }
        return null;
    }

    /** A new random token of 256 bits, URL-safe Base64. */
    public static AdminToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token itself. */
    public String value() {
        return value;
    }

    /**
     * Whether {@code candidate} is this token. Both are hashed first and the hashes compared in constant
     * time, so neither the position of the first wrong character nor the token's length shows in the timing.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Never the token: it must not end up in a log by accident. */
    @Override
    public String toString() {
        return "AdminToken(***)";
    }
}
