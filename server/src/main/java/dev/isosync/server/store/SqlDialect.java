package dev.isosync.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What differs between the databases the store supports: identifier quoting, column types, upsert,
 * row-locking clauses, null ordering and paging syntax. Everything else is plain SQL shared by all three.
 */
abstract class SqlDialect {
    /** The dialect for a JDBC URL, chosen by its scheme. */
    static SqlDialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:")) {
            return new MariaDbDialect();
        }
        throw new IllegalArgumentException("Unsupported JDBC URL \"" + jdbcUrl
                + "\": expected jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:");
    }

    /** A short name for messages and pool names. */
    abstract String name();

    /** Quotes an identifier so any model or property name is safe and keeps its case. */
    String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The longest identifier the database keeps intact, in UTF-8 bytes (longer ones are refused at open). */
    abstract int maxIdentifierBytes();

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * A string of any length, compared exactly and ordered by its characters' codes, never by a locale: by code
     * point on PostgreSQL and MariaDB, by UTF-16 code unit (as {@link String#compareTo}) on H2.
     */
    abstract String textType();

    /** A string key of up to {@code length} characters, compared exactly (case, trailing spaces). */
    abstract String keyType(int length);

    abstract String doubleType();

    abstract String booleanType();

    String bigintType() {
        return "BIGINT";
    }

    /** JSON text of objects, arrays and {@code any} values; never compared in SQL. */
    abstract String jsonType();

    /** Appended to {@code CREATE TABLE (...)}. */
    String tableOptions() {
        return "";
    }

    /**
     * A statement that takes the checkpoint lock before the checkpoint row is read, or {@code null} when
     * {@link #checkpointLockClause(boolean)} takes it. Shared: a write, which every bump (an UPDATE of the row)
     * must wait for; exclusive: a batch, which also excludes writes and other batches (PROTOCOL.md 9.3.3, 9.4.1).
     */
    String checkpointLockStatement(String checkpointTable, boolean exclusive) {
        return null;
    }

    /** The clause appended to the {@code SELECT} of the checkpoint row in a write ({@code exclusive}: a batch). */
    abstract String checkpointLockClause(boolean exclusive);

    /** Locks a row read by {@code SELECT} against every other locker until the transaction ends. */
    String rowLockClause() {
        return " FOR UPDATE";
    }

    /** An insert that replaces the row with the same {@code key} column: the statement has one {@code ?} per column. */
    abstract String upsert(String table, List<String> columns, String key);

    /** An insert that does nothing when a row with the same key exists. */
    abstract String insertIfAbsent(String table, List<String> columns, String key);

    /**
     * One {@code ORDER BY} term. Ascending order puts {@code null} first and descending order last, as the
     * memory store does (PostgreSQL's own default is the opposite).
     */
    abstract String orderTerm(String column, boolean descending);

    /**
     * The paging clause for {@code limit} rows (negative: no limit) after skipping {@code skip}; it binds no
     * parameters, both numbers being ints the filter parser has checked.
     */
    String limitOffset(int limit, int skip) {
        StringBuilder sql = new StringBuilder();
        if (limit >= 0) {
            sql.append(" LIMIT ").append(limit);
        }
        if (skip > 0) {
            sql.append(" OFFSET ").append(skip);
        }
        return sql.toString();
    }

    /**
     * Ids per {@code IN (...)} list of a lookup by many ids: far below every database's parameter limit, and as
     * many as the database looks up in one statement without checking each row found against the whole list.
     */
    int idsPerStatement() {
        return 500;
    }

    /**
     * Prepares {@code sql}, a lookup by an IN list of ids, so that the database plans it for the ids it is given
     * each time rather than once for any ids.
     */
    PreparedStatement prepareIdLookup(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** SQL run on every new connection, or {@code null}. */
    String connectionInitSql() {
        return null;
    }

    /**
     * Serialises schema creation between processes that open the same database at once, inside the
     * transaction {@code connection} has open; released by {@link #unlockSchema(Connection)} or the commit.
     */
    void lockSchema(Connection connection, String lockName) throws SQLException {
    }

    void unlockSchema(Connection connection, String lockName) throws SQLException {
    }

    /** Whether DDL takes part in transactions (so schema creation can run in the locking transaction). */
    boolean transactionalDdl() {
        return true;
    }

    /** The statements that create a schema's tables, run by {@link #createSchema}. */
    interface SchemaSteps {
        void run() throws SQLException;
    }

    /**
     * Runs {@code steps} under the schema lock {@code lockName}, so that processes starting on the same database
     * at once wait for each other: in the locking transaction where DDL is transactional (a failure then leaves
     * nothing half made), else statement by statement. Leaves {@code connection} out of auto-commit.
     */
    final void createSchema(Connection connection, String lockName, SchemaSteps steps) throws SQLException {
        boolean transactional = transactionalDdl();
        connection.setAutoCommit(!transactional);
        lockSchema(connection, lockName);
        try {
            steps.run();
            if (transactional) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (transactional) {
                connection.rollback();
            }
            throw e;
        } finally {
            unlockSchema(connection, lockName);
            connection.setAutoCommit(false);
        }
    }

    /** Drops {@code tables} (quoted names) that exist, in order, each in its own auto-committed statement. */
    static void dropTables(Connection connection, List<String> tables) throws SQLException {
        connection.setAutoCommit(true);
        try {
            for (String table : tables) {
                execute(connection, "DROP TABLE IF EXISTS " + table);
            }
        } finally {
            connection.setAutoCommit(false);
        }
    }

    /** Runs one statement that takes no parameters. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
