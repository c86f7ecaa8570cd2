package dev.isosync.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** MariaDB (InnoDB, utf8mb4). */
final class MariaDbDialect extends SqlDialect {
    /** Seconds a process waits for another one creating the schema. */
    private static final int SCHEMA_LOCK_SECONDS = 60;

    @Override
    String name() {
        return "mariadb";
    }

    @Override
    String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    int maxIdentifierBytes() {
        return 64; // MariaDB counts characters; 64 bytes is the safe bound for any of them
    }

    @Override
    String textType() {
        return "LONGTEXT";
    }

    @Override
    String keyType(int length) {
        return "VARCHAR(" + length + ")";
    }

    @Override
    String doubleType() {
        return "DOUBLE";
    }

    @Override
    String booleanType() {
        return "BOOLEAN";
    }

    @Override
    String jsonType() {
        return "LONGTEXT";
    }

    @Override
    String tableOptions() {
        // utf8mb4 holds every character (utf8mb3 has no room for non-BMP ones). utf8mb4_bin still ignores
        // trailing spaces ('a' = 'a '), which would make two ids one; the NOPAD variant compares exactly,
        // by code point, with no case or accent folding
        return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
    }

    @Override
    String checkpointLockClause(boolean exclusive) {
        // InnoDB queues a new shared request behind a waiting exclusive one, so a bump waits only for the
        // writes already holding the row
        return exclusive ? " FOR UPDATE" : " LOCK IN SHARE MODE";
    }

    @Override
    String upsert(String table, List<String> columns, String key) {
        List<String> sets = new ArrayList<>();
        for (String c : columns) {
            if (!c.equals(key)) {
                sets.add(c + " = VALUES(" + c + ")");
            }
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + H2Dialect.placeholders(columns.size()) + ") ON DUPLICATE KEY UPDATE " + String.join(", ", sets);
    }

    @Override
    String insertIfAbsent(String table, List<String> columns, String key) {
        return "INSERT IGNORE INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + H2Dialect.placeholders(columns.size()) + ")";
    }

    @Override
    String orderTerm(String column, boolean descending) {
        // MariaDB has no NULLS FIRST/LAST, and its default is already null first ascending, last descending
        return column + (descending ? " DESC" : " ASC");
    }

    @Override
    String limitOffset(int limit, int skip) {
        if (limit < 0 && skip > 0) {
            // MariaDB has no OFFSET without LIMIT; its manual gives the largest row count instead
            return " LIMIT 18446744073709551615 OFFSET " + skip;
        }
        return super.limitOffset(limit, skip);
    }

    @Override
    String connectionInitSql() {
        // strict: a value that does not fit fails instead of being truncated or replaced
        return "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
    }

    @Override
    boolean transactionalDdl() {
        return false; // every DDL statement commits
    }

    @Override
    void lockSchema(Connection connection, String lockName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, lockName);
            ps.setInt(2, SCHEMA_LOCK_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new SQLException("Timed out after " + SCHEMA_LOCK_SECONDS
                            + " s waiting for another process creating the schema (lock \"" + lockName + "\")");
                }
            }
        }
    }

    @Override
    void unlockSchema(Connection connection, String lockName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, lockName);
            ps.execute();
        }
    }
}
