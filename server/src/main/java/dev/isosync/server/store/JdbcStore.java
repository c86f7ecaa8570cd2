package dev.isosync.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.isosync.change.Checkpoint;
import dev.isosync.error.SyncException;
import dev.isosync.model.ModelDefinition;
import dev.isosync.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A store in H2, PostgreSQL or MariaDB through a connection pool. Tables are created at start: one per
 * model, one change table per model, a single-row checkpoint table and a metadata table. The checkpoint
 * counter and the change rows live in the database, never in server memory, so several server processes
 * can share one database.
 *
 * <p>Locking (PROTOCOL.md 9.3.3): a write transaction reads the checkpoint row under a shared lock held to
 * its end, and a bump updates that row, so a bump waits for every write in flight and no write is stamped
 * with a checkpoint that a reader already treats as sealed.
 */
public final class JdbcStore implements Store {
    private static final int DEADLOCK_RETRIES = 3;

    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final Tables tables;
    private final String sourceId;
    private final String created;

    private JdbcStore(HikariDataSource pool, SqlDialect dialect, Tables tables) {
        this.pool = pool;
        this.dialect = dialect;
        this.tables = tables;
        String[] identity = tables.createSchema(pool);
        this.sourceId = identity[0];
        this.created = identity[1];
    }

    /** Opens the database at {@code jdbcUrl}, creating the tables of {@code models} if they are missing. */
    public static JdbcStore open(String jdbcUrl, List<ModelDefinition> models) {
        return open(jdbcUrl, models, "");
    }

    /**
     * Opens the database with every table name prefixed, so that tests can share a database.
     *
     * @param prefix letters, digits and underscores
     */
    public static JdbcStore open(String jdbcUrl, List<ModelDefinition> models, String prefix) {
        if (!prefix.matches("[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("table prefix must be letters, digits and underscores: " + prefix);
        }
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1); // connections open on demand: tests open many short-lived stores
        config.setPoolName("isosync");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new JdbcStore(pool, dialect, new Tables(dialect, prefix, models));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public <T> T read(Work<T> work) {
        return run(JdbcTransaction.Mode.READ, work);
    }

    @Override
    public <T> T write(Work<T> work) {
        return run(JdbcTransaction.Mode.WRITE, work);
    }

    @Override
    public <T> T writeBatch(Work<T> work) {
        return run(JdbcTransaction.Mode.BATCH, work);
    }

    @Override
    public Checkpoint bumpCheckpoint() {
        return run(JdbcTransaction.Mode.BUMP, tx -> null);
    }

    @SuppressWarnings("unchecked")
    private <T> T run(JdbcTransaction.Mode mode, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = pool.getConnection()) {
                try {
                    JdbcTransaction tx = new JdbcTransaction(c, dialect, tables, mode);
                    T result;
                    if (mode == JdbcTransaction.Mode.BUMP) {
                        result = (T) bump(c);
                    } else {
                        tx.begin();
                        result = work.run(tx);
                        if (mode == JdbcTransaction.Mode.BATCH) {
                            bump(c); // the batch and its bump are one step (PROTOCOL.md 9.4.1)
                        }
                    }
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (isRetryable(e) && attempt < DEADLOCK_RETRIES) {
                    continue;
                }
                throw translate(e);
            } catch (JdbcTransaction.SqlFailure e) {
                if (isRetryable(e.sqlException()) && attempt < DEADLOCK_RETRIES) {
                    continue;
                }
                throw translate(e.sqlException());
            }
        }
    }

    private Checkpoint bump(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + tables.checkpoint() + " SET seq = seq + 1 WHERE id = 1");
            try (ResultSet r = s.executeQuery("SELECT seq FROM " + tables.checkpoint() + " WHERE id = 1")) {
                r.next();
                return new Checkpoint(r.getLong(1), created, sourceId);
            }
        }
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.equals("40P01") || state.equals("40XL1"));
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("23")) {
            return new SyncException(409, "Error", "WRITE_CONFLICT", "A concurrent write to the same record won; "
                    + "retry the request (" + e.getMessage() + ")", null);
        }
        return new IllegalStateException("Database error " + state + ": " + e.getMessage(), e);
    }

    /** Drops every table of this store (tests clean up with it). */
    public void dropAll() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables.all()) {
                s.executeUpdate("DROP TABLE IF EXISTS " + table);
            }
            c.commit();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    static String newSourceId() {
        return UUID.randomUUID().toString();
    }

    /** Now as JavaScript's {@code Date.toJSON} writes it, with milliseconds. */
    static String now() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
    }

    static List<String> chunk(List<String> ids, int from, int size) {
        return new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + size)));
    }
}
