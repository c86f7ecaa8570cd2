package dev.isosync.server.store;

import java.sql.SQLException;

/**
 * A database operation of the {@link JdbcStore} failed: the connection was lost, a constraint was violated, a
 * lock wait timed out. The message says what the store was doing and carries the database's SQL state; the
 * transaction it happened in has been rolled back.
 */
public final class StoreException extends RuntimeException {
    private final String sqlState;

    StoreException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** Wraps {@code e}, raised while the store was doing {@code what} ("insert Todo \"t1\""). */
    static StoreException of(String what, SQLException e) {
        String state = e.getSQLState();
        return new StoreException("Could not " + what + ": " + e.getMessage() + " (SQL state "
                + (state == null ? "unknown" : state) + ")", state, e);
    }

    /** The SQLSTATE code the database reported ("23505" for a duplicate key), or {@code null} when it gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether the database refused a duplicate key or another integrity constraint (SQLSTATE class 23). */
    public boolean isConstraintViolation() {
        return sqlState != null && sqlState.startsWith("23");
    }
}
