package dev.isosync.server.store;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** H2 (embedded, the server's default database). */
final class H2Dialect extends SqlDialect {
    /** Schema locks by name: an embedded database belongs to one process, whose file lock keeps others out. */
    private static final Map<String, ReentrantLock> SCHEMA_LOCKS = new ConcurrentHashMap<>();

    @Override
    String name() {
        return "h2";
    }

    @Override
    int maxIdentifierBytes() {
        return 256;
    }

    @Override
    String textType() {
        // H2 compares CHARACTER VARYING with String.compareTo: the memory store's order. Its limit is 1,000,000
        // characters per value.
        return "CHARACTER VARYING";
    }

    @Override
    String keyType(int length) {
        return "CHARACTER VARYING(" + length + ")";
    }

    @Override
    String doubleType() {
        return "DOUBLE PRECISION";
    }

    @Override
    String booleanType() {
        return "BOOLEAN";
    }

    @Override
    String jsonType() {
        return "CHARACTER LARGE OBJECT";
    }

    @Override
    String checkpointLockClause(boolean exclusive) {
        // H2 has no shared row lock; an exclusive one serialises writes, which an embedded database can afford.
        // H2 wakes lock waiters in no set order, so a bump competes with new writes after each commit rather
        // than being queued ahead of them; with writes one at a time it still gets through between two
        return " FOR UPDATE";
    }

    @Override
    String upsert(String table, List<String> columns, String key) {
        return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + key + ") VALUES ("
                + placeholders(columns.size()) + ")";
    }

    @Override
    String insertIfAbsent(String table, List<String> columns, String key) {
        return "MERGE INTO " + table + " t USING (VALUES (" + placeholders(columns.size()) + ")) s ("
                + String.join(", ", columns) + ") ON t." + key + " = s." + key
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                + prefixed("s.", columns) + ")";
    }

    @Override
    String orderTerm(String column, boolean descending) {
        return column + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
    }

    @Override
    int idsPerStatement() {
        // H2 finds the rows of an IN list through the index, then checks each row against the list again, one
        // value after the other: a list of 500 costs 500 comparisons a row. Lists of 50 take a third of the time
        return 50;
    }

    @Override
    String connectionInitSql() {
        // the default of one second is shorter than a writer may wait behind a bump under load
        return "SET LOCK_TIMEOUT 30000";
    }

    @Override
    void lockSchema(Connection connection, String lockName) {
        // H2 has no advisory lock, and two CREATE INDEX IF NOT EXISTS at once fail with "object already exists"
        SCHEMA_LOCKS.computeIfAbsent(lockName, k -> new ReentrantLock()).lock();
    }

    @Override
    void unlockSchema(Connection connection, String lockName) {
        SCHEMA_LOCKS.get(lockName).unlock();
    }

    static String placeholders(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    private static String prefixed(String prefix, List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(prefix).append(c);
        }
        return sb.toString();
    }
}
