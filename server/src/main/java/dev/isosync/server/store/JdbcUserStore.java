package dev.isosync.server.store;

import dev.isosync.server.auth.AccessToken;
import dev.isosync.server.auth.User;
import dev.isosync.server.auth.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The {@link UserStore} in the tables of a {@link JdbcStore}'s database ({@link UserSchema}), through the
 * store's connection pool, so every server process on one database knows the same users and tokens. The
 * database's unique constraints decide a race between two registrations of one email or username.
 */
public final class JdbcUserStore implements UserStore {
    private final JdbcStore store;
    private final UserSchema schema;
    private final String userColumns;

    private JdbcUserStore(JdbcStore store, UserSchema schema) {
        this.store = store;
        this.schema = schema;
        this.userColumns = String.join(", ", schema.q("id"), schema.q("username"), schema.q("email"),
                schema.q("password_hash"), schema.q("created"));
    }

    /**
     * Opens the user tables in {@code store}'s database, with its table prefix, creating them when missing.
     *
     * @throws StoreException when the tables cannot be created
     */
    public static JdbcUserStore open(JdbcStore store) {
        UserSchema schema = new UserSchema(store.dialect, store.schema.prefix);
        store.inConnection("create the user tables", c -> {
            schema.create(c);
            return null;
        });
        return new JdbcUserStore(store, schema);
    }

    @Override
    public String addUser(User user) {
        return store.inConnection("register a user", c -> {
            Savepoint before = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.users + " (" + userColumns
                    + ") VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, user.id());
                ps.setString(2, user.username());
                ps.setString(3, user.email());
                ps.setString(4, user.passwordHash());
                ps.setLong(5, user.created());
                ps.executeUpdate();
                return null;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                // a unique constraint: someone registered the same email or username first
                c.rollback(before);
                return findUser(c, "email", user.email()) != null ? "email" : "username";
            }
        });
    }

    @Override
    public User userById(String id) {
        return store.inConnection("read a user", c -> findUser(c, "id", id));
    }

    @Override
    public User userByEmail(String email) {
        return store.inConnection("read a user", c -> findUser(c, "email", email));
    }

    @Override
    public User userByUsername(String username) {
        return store.inConnection("read a user", c -> findUser(c, "username", username));
    }

    private User findUser(java.sql.Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + userColumns + " FROM " + schema.users + " WHERE "
                + schema.q(column) + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
            }
        }
    }

    @Override
    public void addToken(AccessToken token) {
        store.inConnection("store an access token", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.tokens + " (" + schema.q("digest")
                    + ", " + schema.q("user_id") + ", " + schema.q("ttl") + ", " + schema.q("created")
                    + ") VALUES (?, ?, ?, ?)")) {
                ps.setString(1, token.digest());
                ps.setString(2, token.userId());
                ps.setLong(3, token.ttl());
                ps.setLong(4, token.created());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public AccessToken token(String digest) {
        return store.inConnection("read an access token", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + schema.q("user_id") + ", " + schema.q("ttl")
                    + ", " + schema.q("created") + " FROM " + schema.tokens + " WHERE " + schema.q("digest") + " = ?")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new AccessToken(digest, rs.getString(1), rs.getLong(2), rs.getLong(3)) : null;
                }
            }
        });
    }

    @Override
    public void removeToken(String digest) {
        store.inConnection("remove an access token", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema.tokens + " WHERE "
                    + schema.q("digest") + " = ?")) {
                ps.setString(1, digest);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Drops the user tables (tests clean up with it). */
    public void dropAll() {
        store.inConnection("drop the user tables", c -> {
            schema.drop(c);
            return null;
        });
    }
}
