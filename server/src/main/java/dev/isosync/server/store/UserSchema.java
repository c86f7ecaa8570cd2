package dev.isosync.server.store;

import static dev.isosync.server.store.SqlDialect.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The tables of users and access tokens, beside the store's in the same database and with the same table
 * prefix: {@code auth_users} (a unique email and an optional unique username per user, the bcrypt hash of the
 * password) and {@code auth_tokens} (the SHA-256 of each token, its user, lifetime and creation time). Created
 * when missing, under a lock that other processes starting on the same database wait for, as {@link Schema}
 * does.
 */
final class UserSchema {
    /** A user id is a UUID. */
    static final int USER_ID_LENGTH = 64;
    /** Usernames and emails: the longest address a mail system accepts. */
    static final int NAME_LENGTH = 254;
    /** A token digest is 64 hex digits. */
    static final int DIGEST_LENGTH = 64;

    final SqlDialect dialect;
    final String users;
    final String tokens;
    private final String tokensByUser;
    private final String prefix;

    UserSchema(SqlDialect dialect, String prefix) {
        this.dialect = dialect;
        this.prefix = prefix;
        this.users = dialect.quote(prefix + "auth_users");
        this.tokens = dialect.quote(prefix + "auth_tokens");
        this.tokensByUser = dialect.quote(prefix + "auth_tokens_user");
    }

    /** The unquoted names of the tables and index, reserved by {@link Schema#checkNames}. */
    static List<String> rawNames(String prefix) {
        return Arrays.asList(prefix + "auth_users", prefix + "auth_tokens", prefix + "auth_tokens_user");
    }

    /** Creates what is missing. */
    void create(Connection c) throws SQLException {
        String lock = "isosync-users-" + Integer.toHexString(prefix.hashCode());
        dialect.createSchema(c, lock, () -> {
            execute(c, "CREATE TABLE IF NOT EXISTS " + users + " ("
                    + q("id") + " " + dialect.keyType(USER_ID_LENGTH) + " NOT NULL PRIMARY KEY, "
                    + q("username") + " " + dialect.keyType(NAME_LENGTH) + " UNIQUE, "
                    + q("email") + " " + dialect.keyType(NAME_LENGTH) + " NOT NULL UNIQUE, "
                    + q("password_hash") + " " + dialect.textType() + " NOT NULL, "
                    + q("created") + " " + dialect.bigintType() + " NOT NULL)" + dialect.tableOptions());
            execute(c, "CREATE TABLE IF NOT EXISTS " + tokens + " ("
                    + q("digest") + " " + dialect.keyType(DIGEST_LENGTH) + " NOT NULL PRIMARY KEY, "
                    + q("user_id") + " " + dialect.keyType(USER_ID_LENGTH) + " NOT NULL, "
                    + q("ttl") + " " + dialect.bigintType() + " NOT NULL, "
                    + q("created") + " " + dialect.bigintType() + " NOT NULL)" + dialect.tableOptions());
            execute(c, "CREATE INDEX IF NOT EXISTS " + tokensByUser + " ON " + tokens + " (" + q("user_id") + ")");
        });
    }

    /** Drops the tables (tests clean up with it). */
    void drop(Connection c) throws SQLException {
        SqlDialect.dropTables(c, Arrays.asList(tokens, users));
    }

    String q(String column) {
        return dialect.quote(column);
    }
}
