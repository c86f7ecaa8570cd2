package dev.isosync.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.isosync.change.Checkpoint;
import dev.isosync.model.ModelDefinition;
import dev.isosync.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The {@link Store} over a relational database: embedded H2, PostgreSQL or MariaDB, chosen by the JDBC URL,
 * through a HikariCP connection pool. Records, change rows, the checkpoint counter and metadata all live in
 * the database (never in this object), so several server processes can share one database.
 *
 * <p>Each model has a record table with one column per declared property and a change table; one
 * checkpoint row and a key/value meta table serve every model. They are created at {@link #open} when
 * missing, and columns are added for newly declared properties.
 *
 * <p>Every transaction runs at READ COMMITTED. A {@link #write} reads the checkpoint under a shared lock held
 * to its commit, and {@link #bumpCheckpoint()} updates the checkpoint row, so a bump waits for every write in
 * flight and a change is never stamped below a checkpoint a reader considers sealed (PROTOCOL.md 9.3.3);
 * writes that arrive while a bump waits queue behind it, so a stream of writes cannot starve bumps. A
 * {@link #writeBatch} takes the lock exclusively before its first other statement and bumps the row before
 * committing (PROTOCOL.md 9.4.1). Any exception rolls the transaction back and is rethrown; database errors
 * surface as {@link StoreException}. A transaction the database aborts to break a deadlock is run again, up
 * to three times in all, so work must have no effects outside its transaction.
 */
public final class JdbcStore implements Store {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Runs of a transaction the database aborted as a deadlock victim, the first included. */
    private static final int MAX_ATTEMPTS = 3;

    final SqlDialect dialect;
    final Schema schema;
    private final HikariDataSource pool;
    private final Map<String, ModelTable> tables;
    private final String sourceId;
    private final String created;

    private JdbcStore(SqlDialect dialect, Schema schema, HikariDataSource pool, Map<String, ModelTable> tables,
            String sourceId, String created) {
        this.dialect = dialect;
        this.schema = schema;
        this.pool = pool;
        this.tables = tables;
        this.sourceId = sourceId;
        this.created = created;
    }

    /**
     * Opens a store holding {@code models}, creating its tables when missing.
     *
     * @param jdbcUrl a {@code jdbc:h2:}, {@code jdbc:postgresql:} or {@code jdbc:mariadb:} URL carrying user and
     *     password when the database needs them, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
     * @param models the models whose records the store holds; others are refused by every operation
     * @throws StoreException when the database cannot be reached or the schema cannot be created
     * @throws IllegalArgumentException for an unsupported URL or model names the database cannot hold
     */
    public static JdbcStore open(String jdbcUrl, List<ModelDefinition> models) {
        return open(jdbcUrl, models, "");
    }

    /**
     * Opens a store whose tables carry {@code tablePrefix} ({@code "t_3f9a_"}: {@code t_3f9a_Todo},
     * {@code t_3f9a_Todo_change}, {@code t_3f9a_checkpoint}, {@code t_3f9a_meta}), so that several stores,
     * tests say, can share one database.
     *
     * @param tablePrefix letters, digits and underscores, possibly empty
     * @see #open(String, List)
     */
    public static JdbcStore open(String jdbcUrl, List<ModelDefinition> models, String tablePrefix) {
        SqlDialect dialect = SqlDialect.forUrl(jdbcUrl);
        if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("Table prefix must be letters, digits and underscores, got \""
                    + tablePrefix + "\"");
        }
        Schema schema = new Schema(dialect, tablePrefix);
        schema.checkNames(models);
        Map<String, ModelTable> tables = new LinkedHashMap<>();
        for (ModelDefinition m : models) {
            if (tables.put(m.name(), new ModelTable(dialect, m, tablePrefix)) != null) {
                throw new IllegalArgumentException("Model " + m.name() + " is listed twice");
            }
        }
        HikariDataSource pool = pool(dialect, jdbcUrl);
        try (Connection c = pool.getConnection()) {
            schema.create(c, new ArrayList<>(tables.values()), ISO_MILLIS.format(Instant.now()),
                    UUID.randomUUID().toString());
            Map<String, String> identity = schema.identity(c);
            return new JdbcStore(dialect, schema, pool, tables, identity.get("source_id"), identity.get("time"));
        } catch (SQLException e) {
            pool.close();
            throw StoreException.of("create the schema in " + redacted(jdbcUrl), e);
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(SqlDialect dialect, String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("isosync-" + dialect.name() + "-" + POOLS.incrementAndGet());
        config.setAutoCommit(false);
        // PostgreSQL's and H2's default, not MariaDB's: locking reads then see the latest committed row, and
        // InnoDB takes no gap locks that would make writers of unrelated ids wait for each other
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (dialect.connectionInitSql() != null) {
            config.setConnectionInitSql(dialect.connectionInitSql());
        }
        try {
            return new HikariDataSource(config); // fails at once when the database cannot be reached
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw StoreException.of("connect to " + redacted(jdbcUrl), (SQLException) cause);
            }
            throw new StoreException("Could not connect to " + redacted(jdbcUrl) + ": " + e.getMessage(), null, e);
        }
    }

    /** The URL without its password, for messages. */
    static String redacted(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    @Override
    public <T> T read(Work<T> work) {
        return inTransaction(JdbcTransaction.Mode.READ, work);
    }

    @Override
    public <T> T write(Work<T> work) {
        return inTransaction(JdbcTransaction.Mode.WRITE, work);
    }

    @Override
    public <T> T writeBatch(Work<T> work) {
        return inTransaction(JdbcTransaction.Mode.BATCH, tx -> {
            JdbcTransaction jtx = (JdbcTransaction) tx;
            // the exclusive lock comes first: a shared lock upgraded later could deadlock with another batch
            jtx.currentCheckpoint();
            T result = work.run(tx);
            jtx.flush();
            jtx.bump();
            return result;
        });
    }

    @Override
    public Checkpoint bumpCheckpoint() {
        long seq = inTransaction(JdbcTransaction.Mode.WRITE, tx -> ((JdbcTransaction) tx).bump());
        return new Checkpoint(seq, created, sourceId);
    }

    private <T> T inTransaction(JdbcTransaction.Mode mode, Work<T> work) {
        return inConnection("commit", c -> {
            JdbcTransaction tx = new JdbcTransaction(this, c, mode);
            try {
                T result = work.run(tx);
                tx.flush(); // writes put off for a batch go before the commit
                return result;
            } finally {
                tx.close();
            }
        });
    }

    /** Work on one pooled connection, inside the transaction {@link #inConnection} commits. */
    interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection and commits it; any failure rolls it back. A
     * transaction the database aborted as a deadlock victim runs again, up to three times in all, so the work
     * must have no effects outside its transaction. Used by the store's own transactions and by the admin
     * tables that live in the same database ({@link JdbcAdminStore}).
     *
     * @param what what the work does, for the message of a {@link StoreException} ("record a request")
     */
    <T> T inConnection(String what, ConnectionWork<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return attempt(what, work);
            } catch (StoreException e) {
                // the database rolled the transaction back to break a deadlock or a serialization conflict:
                // running it again is the documented remedy, and its work had no effect yet
                if (!isRetryable(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt, e);
            }
        }
    }

    /**
     * Waits a few random milliseconds before a retry: H2 may abort both sides of a deadlock, and two victims
     * that start again at the same instant meet again.
     */
    private static void backOff(int attempt, StoreException failure) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20 * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static boolean isRetryable(StoreException e) {
        return "40001".equals(e.sqlState()) || "40P01".equals(e.sqlState());
    }

    private <T> T attempt(String what, ConnectionWork<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw StoreException.of("get a connection from the pool", e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            StoreException failure = StoreException.of(what, e);
            rollback(c, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // the pool discards a connection it cannot return; the transaction's outcome is already decided
            }
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e); // the original failure matters more; the pool drops the broken connection
        }
    }

    ModelTable table(ModelDefinition model) {
        ModelTable t = tables.get(model.name());
        if (t == null) {
            throw new IllegalArgumentException("This store does not hold model " + model.name() + "; it holds "
                    + tables.keySet() + " (pass every model to JdbcStore.open)");
        }
        return t;
    }

    /** Drops every table of this store; the store is unusable afterwards and should be {@linkplain #close closed}. */
    public void dropAll() {
        try (Connection c = pool.getConnection()) {
            schema.drop(c, new ArrayList<>(tables.values()));
        } catch (SQLException e) {
            throw StoreException.of("drop the store's tables", e);
        }
    }

    /** Closes the connection pool; the data stays in the database. */
    @Override
    public void close() {
        pool.close();
    }
}
