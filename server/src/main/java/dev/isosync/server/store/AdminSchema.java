package dev.isosync.server.store;

import static dev.isosync.server.store.SqlDialect.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The admin console's tables, beside the store's in the same database and with the same table prefix:
 * replicating clients, the conflict inbox with its history, per-minute activity, and two counters (conflict
 * ids and resolution sequence numbers). Created when missing, under a lock that other processes starting on
 * the same database wait for, as {@link Schema} does.
 */
final class AdminSchema {
    /** Longest client identity: a client id of 200 characters, {@code token:} and a hash, or an address. */
    static final int CLIENT_ID_LENGTH = 255;
    /** Model names are bounded by the table names the store makes of them; this is above every dialect's bound. */
    static final int MODEL_LENGTH = 255;
    /** Names of kinds, sources and resolutions ("client-report"). */
    static final int WORD_LENGTH = 32;

    final SqlDialect dialect;
    final String clients;
    final String conflicts;
    final String activity;
    final String counters;
    private final String conflictsByRecord;
    private final String conflictsByResolution;
    private final String activityByMinute;
    private final String prefix;

    AdminSchema(SqlDialect dialect, String prefix) {
        this.dialect = dialect;
        this.prefix = prefix;
        this.clients = dialect.quote(prefix + "admin_clients");
        this.conflicts = dialect.quote(prefix + "admin_conflicts");
        this.activity = dialect.quote(prefix + "admin_activity");
        this.counters = dialect.quote(prefix + "admin_counters");
        // index names are per schema in PostgreSQL, not per table: they carry the prefix too
        this.conflictsByRecord = dialect.quote(prefix + "admin_conflicts_record");
        this.conflictsByResolution = dialect.quote(prefix + "admin_conflicts_resolution");
        this.activityByMinute = dialect.quote(prefix + "admin_activity_minute");
    }

    /**
     * The unquoted names of the admin tables and indexes. {@link Schema#checkNames} reserves them, so that no
     * model's table can ever be one of them.
     */
    static List<String> rawNames(String prefix) {
        return Arrays.asList(prefix + "admin_clients", prefix + "admin_conflicts", prefix + "admin_activity",
                prefix + "admin_counters", prefix + "admin_conflicts_record", prefix + "admin_conflicts_resolution",
                prefix + "admin_activity_minute");
    }

    /** Creates what is missing. */
    void create(Connection c) throws SQLException {
        String lock = "isosync-admin-" + Integer.toHexString(prefix.hashCode());
        dialect.createSchema(c, lock, () -> {
            String bigint = dialect.bigintType();
            execute(c, "CREATE TABLE IF NOT EXISTS " + clients + " ("
                    + q("client_id") + " " + dialect.keyType(CLIENT_ID_LENGTH) + " NOT NULL PRIMARY KEY, "
                    + q("kind") + " " + dialect.keyType(WORD_LENGTH) + " NOT NULL, "
                    + q("first_seen") + " " + bigint + " NOT NULL, "
                    + q("last_seen") + " " + bigint + " NOT NULL, "
                    + q("requests") + " " + bigint + " NOT NULL, "
                    + q("errors") + " " + bigint + " NOT NULL, "
                    + q("last_pulled_checkpoint") + " " + bigint + ", "
                    + q("last_pulled_at") + " " + bigint + ", "
                    + q("last_pushed_checkpoint") + " " + bigint + ", "
                    + q("last_pushed_at") + " " + bigint + ")" + dialect.tableOptions());
            execute(c, "CREATE TABLE IF NOT EXISTS " + conflicts + " ("
                    + q("id") + " " + bigint + " NOT NULL PRIMARY KEY, "
                    + q("model") + " " + dialect.keyType(MODEL_LENGTH) + " NOT NULL, "
                    + q("model_id") + " " + dialect.keyType(ModelTable.ID_LENGTH) + " NOT NULL, "
                    + q("client_id") + " " + dialect.keyType(CLIENT_ID_LENGTH) + " NOT NULL, "
                    + q("client_kind") + " " + dialect.keyType(WORD_LENGTH) + " NOT NULL, "
                    + q("source") + " " + dialect.keyType(WORD_LENGTH) + " NOT NULL, "
                    + q("detected_at") + " " + bigint + " NOT NULL, "
                    + q("reported_at") + " " + bigint + " NOT NULL, "
                    + q("reports") + " " + bigint + " NOT NULL, "
                    + q("server_data") + " " + dialect.jsonType() + ", "
                    + q("server_rev") + " " + dialect.textType() + ", "
                    + q("server_checkpoint") + " " + bigint + ", "
                    + q("client_change") + " " + dialect.jsonType() + " NOT NULL, "
                    + q("client_version_known") + " " + dialect.booleanType() + " NOT NULL, "
                    + q("client_data") + " " + dialect.jsonType() + ", "
                    + q("resolution") + " " + dialect.keyType(WORD_LENGTH) + ", "
                    + q("resolved_at") + " " + bigint + ", "
                    + q("resolved_data") + " " + dialect.jsonType() + ", "
                    + q("resolved_rev") + " " + dialect.textType() + ", "
                    + q("resolution_seq") + " " + bigint + ")" + dialect.tableOptions());
            execute(c, "CREATE INDEX IF NOT EXISTS " + conflictsByRecord + " ON " + conflicts + " ("
                    + q("model_id") + ")");
            execute(c, "CREATE INDEX IF NOT EXISTS " + conflictsByResolution + " ON " + conflicts + " ("
                    + q("client_id") + ", " + q("resolution_seq") + ")");
            execute(c, "CREATE TABLE IF NOT EXISTS " + activity + " ("
                    + q("model") + " " + dialect.keyType(MODEL_LENGTH) + " NOT NULL, "
                    + q("minute") + " " + bigint + " NOT NULL, "
                    + q("changes") + " " + bigint + " NOT NULL, "
                    + q("syncs") + " " + bigint + " NOT NULL, "
                    + q("conflicts") + " " + bigint + " NOT NULL, "
                    + "PRIMARY KEY (" + q("model") + ", " + q("minute") + "))" + dialect.tableOptions());
            execute(c, "CREATE INDEX IF NOT EXISTS " + activityByMinute + " ON " + activity + " (" + q("minute") + ")");
            execute(c, "CREATE TABLE IF NOT EXISTS " + counters + " ("
                    + q("name") + " " + dialect.keyType(WORD_LENGTH) + " NOT NULL PRIMARY KEY, "
                    + q("value") + " " + bigint + " NOT NULL)" + dialect.tableOptions());
            for (String counter : Arrays.asList(JdbcAdminStore.CONFLICT_IDS, JdbcAdminStore.RESOLUTION_SEQS)) {
                try (var ps = c.prepareStatement(dialect.insertIfAbsent(counters, Arrays.asList(q("name"), q("value")),
                        q("name")))) {
                    ps.setString(1, counter);
                    ps.setLong(2, 0);
                    ps.executeUpdate();
                }
            }
        });
    }

    /** Drops the admin tables (tests clean up with it). */
    void drop(Connection c) throws SQLException {
        SqlDialect.dropTables(c, Arrays.asList(clients, conflicts, activity, counters));
    }

    String q(String column) {
        return dialect.quote(column);
    }
}
