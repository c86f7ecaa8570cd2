package dev.isosync.server.store;

import dev.isosync.json.Json;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes of one transaction sent to the database in batches: the rows of each statement go in one
 * {@code executeBatch} (one round trip) instead of one execution each. The transaction {@linkplain #flush()
 * flushes} them before any statement that could read or write what they touch, and before it commits, so the
 * database ends up as if each write had run on the spot.
 *
 * <p>Two writes of one row never wait together: the second flushes the first ({@link #beforeWriting}), so the
 * writes of a row reach the database in order, while the writes waiting at any time are each of a different
 * row and can run in any order.
 */
final class PendingWrites {
    /** What to do when a batched write found no row (an update of a record that is gone stores it instead). */
    interface IfNoRow {
        void run();
    }

    /** The rows waiting on one statement. */
    private static final class Batch {
        final PreparedStatement statement;
        /** What the statement does, for messages: "insert Todo". */
        final String action;
        final List<String> ids = new ArrayList<>();
        final List<IfNoRow> ifNoRow = new ArrayList<>();

        Batch(PreparedStatement statement, String action) {
            this.statement = statement;
            this.action = action;
        }
    }

    private final Map<PreparedStatement, Batch> batches = new LinkedHashMap<>();
    /** The rows that have a write waiting, as {@link #key}s. */
    private final Set<String> rows = new HashSet<>();

    /** Names a row: its table and its key. */
    static String key(String table, String id) {
        return table + '\u0000' + id;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Call before binding a write of {@code row}: a write of it that is still waiting goes first. */
    void beforeWriting(String row) {
        if (rows.contains(row)) {
            flush();
        }
    }

    /**
     * Adds the parameters bound on {@code statement} as one row of its batch.
     *
     * @param row     the {@link #key} of the row written
     * @param action  what the statement does, for messages ("insert Todo")
     * @param id      the row's id, for messages
     * @param ifNoRow run after the flush when the statement changed no row, or {@code null} when that is fine
     */
    void add(PreparedStatement statement, String row, String action, String id, IfNoRow ifNoRow) throws SQLException {
        statement.addBatch();
        Batch batch = batches.computeIfAbsent(statement, s -> new Batch(s, action));
        batch.ids.add(id);
        batch.ifNoRow.add(ifNoRow);
        rows.add(row);
    }

    /** Runs every waiting write. A database error is thrown as a {@link StoreException} naming the row. */
    void flush() {
        if (batches.isEmpty()) {
            return;
        }
        List<Batch> todo = new ArrayList<>(batches.values());
        batches.clear();
        rows.clear();
        List<IfNoRow> missing = new ArrayList<>();
        for (Batch b : todo) {
            int[] counts;
            try {
                counts = b.statement.executeBatch();
            } catch (SQLException e) {
                throw failure(b, e);
            }
            for (int i = 0; i < counts.length && i < b.ids.size(); i++) {
                if (counts[i] == 0 && b.ifNoRow.get(i) != null) {
                    missing.add(b.ifNoRow.get(i));
                }
            }
        }
        for (IfNoRow m : missing) {
            m.run();
        }
    }

    /**
     * The error of a batch. Drivers do not agree on which row of a failed batch they report, so the message names
     * the batch's first and last rows; the database's own message, which follows, usually names the value.
     */
    private static StoreException failure(Batch b, SQLException e) {
        // some drivers put the database's own error, with its SQL state, behind the batch's
        SQLException cause = e.getSQLState() == null && e.getNextException() != null ? e.getNextException() : e;
        int n = b.ids.size();
        String what = n == 1 ? b.action + " " + Json.write(b.ids.get(0))
                : b.action + " (one of " + n + " rows, " + Json.write(b.ids.get(0)) + " to "
                        + Json.write(b.ids.get(n - 1)) + ")";
        return StoreException.of(what, cause);
    }
}
