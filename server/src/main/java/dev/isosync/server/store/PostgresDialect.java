package dev.isosync.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGStatement;

/** PostgreSQL: the database several server processes share. */
final class PostgresDialect extends SqlDialect {
    @Override
    String name() {
        return "postgresql";
    }

    @Override
    int maxIdentifierBytes() {
        return 63; // NAMEDATALEN - 1; longer names are truncated silently
    }

    @Override
    String textType() {
        // "C" orders by code point whatever the database's locale, so order and ranges match the other stores
        return "TEXT COLLATE \"C\"";
    }

    @Override
    String keyType(int length) {
        return "VARCHAR(" + length + ") COLLATE \"C\"";
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
        // not jsonb: it reorders keys and normalises numbers, and the text must come back as it was written
        return "TEXT";
    }

    @Override
    String checkpointLockStatement(String checkpointTable, boolean exclusive) {
        // Not SELECT ... FOR SHARE: PostgreSQL lets a new row share lock join the current holders even while an
        // UPDATE waits, so a steady stream of writes starves a bump. Table locks queue fairly: a new SHARE waits
        // behind the bump's ROW EXCLUSIVE (taken by its UPDATE), so the bump waits only for writes in flight.
        // SHARE ROW EXCLUSIVE conflicts with SHARE and with itself: a batch excludes writes and other batches.
        return "LOCK TABLE " + checkpointTable + (exclusive ? " IN SHARE ROW EXCLUSIVE MODE" : " IN SHARE MODE");
    }

    @Override
    String checkpointLockClause(boolean exclusive) {
        return "";
    }

    @Override
    String upsert(String table, List<String> columns, String key) {
        List<String> sets = new ArrayList<>();
        for (String c : columns) {
            if (!c.equals(key)) {
                sets.add(c + " = EXCLUDED." + c);
            }
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + H2Dialect.placeholders(columns.size()) + ") ON CONFLICT (" + key + ") DO UPDATE SET "
                + String.join(", ", sets);
    }

    @Override
    String insertIfAbsent(String table, List<String> columns, String key) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + H2Dialect.placeholders(columns.size()) + ") ON CONFLICT (" + key + ") DO NOTHING";
    }

    @Override
    String orderTerm(String column, boolean descending) {
        return column + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
    }

    @Override
    PreparedStatement prepareIdLookup(Connection connection, String sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        // After a few runs the driver and the server switch a statement to one generic plan. For an IN list that
        // plan was made without the values and, while the table was new, without statistics: it then guesses that
        // the list matches every row and scans the table, comparing each row with each of the 500 ids (140 ms
        // where the primary key takes 2). Planned for its values each time, the lookup always uses the key.
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        return ps;
    }

    @Override
    void lockSchema(Connection connection, String lockName) throws SQLException {
        // concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalog; an advisory lock held
        // to the commit lets processes starting together create the schema one after the other
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, lockName);
            ps.execute();
        }
    }
}
