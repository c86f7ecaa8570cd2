package dev.isosync.server.auth;

/**
 * Where users and access tokens are kept: in the store's database beside its tables (the JDBC store), or in
 * memory for the {@code memory} store. Implementations are safe for concurrent use.
 */
public interface UserStore {
    /**
     * Adds a user.
     *
     * @return {@code null} when it was added, else the property ({@code "email"} or {@code "username"}) that
     *     another user already holds; nothing is added then
     */
    String addUser(User user);

    /** The user with that id, or {@code null}. */
    User userById(String id);

    /** The user with that (lower-case) email, or {@code null}. */
    User userByEmail(String email);

    /** The user with exactly that username, or {@code null}. */
    User userByUsername(String username);

    /** Stores a token. */
    void addToken(AccessToken token);

    /** The token with that digest, or {@code null}. */
    AccessToken token(String digest);

    /** Removes a token (logout, expiry); removing a missing one does nothing. */
    void removeToken(String digest);
}
