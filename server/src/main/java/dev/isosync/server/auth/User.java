package dev.isosync.server.auth;

import java.util.Objects;

/**
 * A registered user. The email is kept in lower case, so two spellings of one address are one user; the
 * username, when there is one, is compared exactly. {@link #toString()} never shows the password hash.
 *
 * @param id           a random UUID, the owner id of the user's records
 * @param username     the optional login name, or {@code null}
 * @param email        the login email, lower case
 * @param passwordHash the bcrypt hash of the password
 * @param created      when the user registered, milliseconds since the epoch
 */
public record User(String id, String username, String email, String passwordHash, long created) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public String toString() {
        return "User(" + id + ", " + (username == null ? email : username) + ")";
    }
}
