package dev.isosync.server.store;

import dev.isosync.json.Json;
import dev.isosync.server.admin.ActivityBucket;
import dev.isosync.server.admin.AdminStore;
import dev.isosync.server.admin.ClientIdentity;
import dev.isosync.server.admin.ClientRecord;
import dev.isosync.server.admin.ClientVersion;
import dev.isosync.server.admin.ConflictRecord;
import dev.isosync.server.admin.ConflictReport;
import dev.isosync.server.admin.ConflictSource;
import dev.isosync.server.admin.Keep;
import dev.isosync.server.admin.RequestRecord;
import dev.isosync.server.admin.Resolution;
import dev.isosync.server.admin.ServerVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link AdminStore} in the tables of a {@link JdbcStore}'s database ({@link AdminSchema}), through the
 * store's connection pool. Nothing is kept in this object but the time of the last pruning, so several server
 * processes on one database see and add to the same clients, inbox and activity.
 *
 * <p>Counters move with {@code UPDATE ... SET n = n + ?}, never read-modify-write, so concurrent requests
 * add up. A missing row is inserted under a savepoint; when a concurrent transaction inserted it first, the
 * savepoint is rolled back and the update runs again (portable where upsert syntax is not). Conflicts are
 * filed while holding the conflict-id counter's row lock, so finding the open entry to update and adding a new
 * one cannot race; resolutions take the resolution counter's row lock, so their sequence numbers commit in
 * order and a client polling {@code since} never skips one.
 */
public final class JdbcAdminStore implements AdminStore {
    static final String CONFLICT_IDS = "conflict_id";
    static final String RESOLUTION_SEQS = "resolution_seq";
    /** A {@code null} bound to a BIGINT column: PostgreSQL refuses a text-typed null there. */
    private static final Object NULL_BIGINT = new Object();
    /** JSON read back from the tables: as deep as the records the store itself accepts. */
    private static final int JSON_DEPTH = 1024;

    private final JdbcStore store;
    private final AdminSchema schema;
    private final SqlDialect dialect;
    private final String conflictColumns;
    /** The minute activity was last pruned by this process; pruning more often than that finds nothing. */
    private final AtomicLong prunedMinute = new AtomicLong(Long.MIN_VALUE);

    private JdbcAdminStore(JdbcStore store, AdminSchema schema) {
        this.store = store;
        this.schema = schema;
        this.dialect = schema.dialect;
        this.conflictColumns = String.join(", ", q("id"), q("model"), q("model_id"), q("client_id"),
                q("client_kind"), q("source"), q("detected_at"), q("reported_at"), q("reports"), q("server_data"),
                q("server_rev"), q("server_checkpoint"), q("client_change"), q("client_version_known"),
                q("client_data"), q("resolution"), q("resolved_at"), q("resolved_data"), q("resolved_rev"),
                q("resolution_seq"));
    }

    /**
     * Opens the admin tables in {@code store}'s database, with its table prefix, creating them when missing.
     *
     * @throws StoreException when the tables cannot be created
     */
    public static JdbcAdminStore open(JdbcStore store) {
        // JdbcStore.open has checked the names: none too long, and no model's table is an admin table
        AdminSchema schema = new AdminSchema(store.dialect, store.schema.prefix);
        store.inConnection("create the admin tables", c -> {
            schema.create(c);
            return null;
        });
        return new JdbcAdminStore(store, schema);
    }

    /** Drops the admin tables; tests clean up with it. */
    public void dropAll() {
        store.inConnection("drop the admin tables", c -> {
            schema.drop(c);
            return null;
        });
    }

    private String q(String column) {
        return dialect.quote(column);
    }

    // ---- clients and activity ----------------------------------------------------------------------------

    @Override
    public void recordRequest(RequestRecord r) {
        long minute = Math.floorDiv(r.at(), 60_000L);
        String what = r.client() == null ? "record the server's own writes" : "record a request of " + r.client();
        boolean newBucket = store.inConnection(what, c -> {
            if (r.client() != null) {
                recordClient(c, r);
            }
            if (r.model() != null && (r.sync() || r.changes() > 0)) {
                return addActivity(c, r.model(), minute, r.changes(), r.sync() ? 1 : 0, 0);
            }
            return false;
        });
        if (newBucket) {
            prune(minute);
        }
    }

    private void recordClient(Connection c, RequestRecord r) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE ").append(schema.clients).append(" SET ")
                .append(q("last_seen")).append(" = GREATEST(").append(q("last_seen")).append(", ?), ")
                .append(q("requests")).append(" = ").append(q("requests")).append(" + 1, ")
                .append(q("errors")).append(" = ").append(q("errors")).append(" + ?");
        List<Object> params = new ArrayList<>();
        params.add(r.at());
        params.add(r.failed() ? 1L : 0L);
        if (r.pulledCheckpoint() != null) {
            sql.append(", ").append(q("last_pulled_checkpoint")).append(" = ?, ").append(q("last_pulled_at"))
                    .append(" = ?");
            params.add(r.pulledCheckpoint());
            params.add(r.at());
        }
        if (r.pushed()) {
            sql.append(", ").append(q("last_pushed_at")).append(" = ?");
            params.add(r.at());
        }
        if (r.pushedCheckpoint() != null) {
            sql.append(", ").append(q("last_pushed_checkpoint")).append(" = ?");
            params.add(r.pushedCheckpoint());
        }
        sql.append(" WHERE ").append(q("client_id")).append(" = ?");
        params.add(r.client().id());
        String update = sql.toString();
        String insert = "INSERT INTO " + schema.clients + " (" + String.join(", ", q("client_id"), q("kind"),
                q("first_seen"), q("last_seen"), q("requests"), q("errors"), q("last_pulled_checkpoint"),
                q("last_pulled_at"), q("last_pushed_checkpoint"), q("last_pushed_at"))
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<Object> row = new ArrayList<>();
        row.add(r.client().id());
        row.add(r.client().kind().wireName());
        row.add(r.at());
        row.add(r.at());
        row.add(1L);
        row.add(r.failed() ? 1L : 0L);
        row.add(bigint(r.pulledCheckpoint()));
        row.add(r.pulledCheckpoint() == null ? NULL_BIGINT : r.at());
        row.add(bigint(r.pushedCheckpoint()));
        row.add(r.pushed() ? r.at() : NULL_BIGINT);
        updateOrInsert(c, update, params, insert, row);
    }

    /** Adds to a model's minute; true when that minute's row was new. */
    private boolean addActivity(Connection c, String model, long minute, long changes, long syncs, long conflicts)
            throws SQLException {
        String update = "UPDATE " + schema.activity + " SET " + q("changes") + " = " + q("changes") + " + ?, "
                + q("syncs") + " = " + q("syncs") + " + ?, " + q("conflicts") + " = " + q("conflicts") + " + ? WHERE "
                + q("model") + " = ? AND " + q("minute") + " = ?";
        String insert = "INSERT INTO " + schema.activity + " (" + String.join(", ", q("model"), q("minute"),
                q("changes"), q("syncs"), q("conflicts")) + ") VALUES (?, ?, ?, ?, ?)";
        return updateOrInsert(c, update, List.of(changes, syncs, conflicts, model, minute), insert,
                List.of(model, minute, changes, syncs, conflicts));
    }

    /**
     * Runs {@code update}; when it touched no row, inserts {@code row} instead, and when a concurrent
     * transaction inserted the same key first, runs {@code update} again. Returns whether it inserted.
     */
    private boolean updateOrInsert(Connection c, String update, List<Object> updateParams, String insert,
            List<Object> row) throws SQLException {
        if (execute(c, update, updateParams) > 0) {
            return false;
        }
        Savepoint before = c.setSavepoint();
        try {
            execute(c, insert, row);
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            // a concurrent request inserted the row first: it exists now, so the update finds it
            c.rollback(before);
        }
        if (execute(c, update, updateParams) != 1) {
            throw new SQLException("A row reported as a duplicate key is missing; statement: " + update, "55000");
        }
        return false;
    }

    /** Removes activity older than the retention, at most once a minute per process, in its own transaction. */
    private void prune(long minute) {
        long last = prunedMinute.get();
        if (last >= minute || !prunedMinute.compareAndSet(last, minute)) {
            return;
        }
        store.inConnection("remove old activity", c -> execute(c, "DELETE FROM " + schema.activity + " WHERE "
                + q("minute") + " < ?", List.of(minute - ACTIVITY_RETENTION_MINUTES)));
    }

    @Override
    public List<ClientRecord> clients() {
        return store.inConnection("list the clients", c -> {
            List<ClientRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", q("client_id"), q("kind"),
                    q("first_seen"), q("last_seen"), q("requests"), q("errors"), q("last_pulled_checkpoint"),
                    q("last_pulled_at"), q("last_pushed_checkpoint"), q("last_pushed_at")) + " FROM "
                    + schema.clients + " ORDER BY " + q("last_seen") + " DESC, " + q("client_id"));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClientRecord(new ClientIdentity(rs.getString(1), kind(rs.getString(2))),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), nullableLong(rs, 7),
                            nullableLong(rs, 8), nullableLong(rs, 9), nullableLong(rs, 10)));
                }
            }
            return out;
        });
    }

    @Override
    public List<ActivityBucket> activity(long fromMinute, long toMinute) {
        return store.inConnection("read the activity", c -> {
            List<ActivityBucket> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", q("model"), q("minute"),
                    q("changes"), q("syncs"), q("conflicts")) + " FROM " + schema.activity + " WHERE " + q("minute")
                    + " >= ? AND " + q("minute") + " < ? ORDER BY " + q("minute") + ", " + q("model"))) {
                ps.setLong(1, fromMinute);
                ps.setLong(2, toMinute);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ActivityBucket(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5)));
                    }
                }
            }
            return out;
        });
    }

    // ---- conflicts ----------------------------------------------------------------------------------------

    @Override
    public List<ConflictRecord> recordConflicts(List<ConflictReport> reports) {
        if (reports.isEmpty()) {
            return new ArrayList<>();
        }
        return store.inConnection("record " + reports.size() + " conflicts", c -> {
            long lastId = lockCounter(c, CONFLICT_IDS);
            List<ConflictRecord> out = new ArrayList<>(reports.size());
            Map<String, Long> created = new LinkedHashMap<>();
            for (ConflictReport report : reports) {
                ConflictRecord open = findOpen(c, report);
                ConflictRecord updated = open == null ? null : updateOpen(c, open, report);
                if (updated != null) {
                    out.add(updated);
                    continue;
                }
                ConflictRecord entry = new ConflictRecord(++lastId, report, report.at(), 1, null);
                insert(c, entry);
                out.add(entry);
                created.merge(report.model() + "\n" + Math.floorDiv(report.at(), 60_000L), 1L, Long::sum);
            }
            execute(c, "UPDATE " + schema.counters + " SET " + q("value") + " = ? WHERE " + q("name") + " = ?",
                    List.of(lastId, CONFLICT_IDS));
            for (Map.Entry<String, Long> e : created.entrySet()) {
                int cut = e.getKey().lastIndexOf('\n');
                addActivity(c, e.getKey().substring(0, cut), Long.parseLong(e.getKey().substring(cut + 1)), 0, 0,
                        e.getValue());
            }
            return out;
        });
    }

    /** Reads a counter under its row lock, held to the end of the transaction. */
    private long lockCounter(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + q("value") + " FROM " + schema.counters + " WHERE "
                + q("name") + " = ?" + dialect.rowLockClause())) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The admin counter \"" + name + "\" is missing from " + schema.counters,
                            "55000");
                }
                return rs.getLong(1);
            }
        }
    }

    private ConflictRecord findOpen(Connection c, ConflictReport report) throws SQLException {
        List<ConflictRecord> found = select(c, " WHERE " + q("model_id") + " = ? AND " + q("model") + " = ? AND "
                + q("client_id") + " = ? AND " + q("resolved_at") + " IS NULL ORDER BY " + q("id") + " DESC",
                List.of(report.modelId(), report.model(), report.client().id()));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Folds a new sighting into an open entry; {@code null} when a resolution closed it meanwhile. */
    private ConflictRecord updateOpen(Connection c, ConflictRecord open, ConflictReport report) throws SQLException {
        ConflictReport merged = report.keepingClientVersion(open.report().clientVersion());
        List<Object> params = new ArrayList<>();
        params.add(merged.source().wireName());
        params.add(merged.at());
        params.addAll(serverColumns(merged.serverVersion()));
        params.add(Json.write(merged.clientChange()));
        params.add(merged.clientVersion() != null);
        params.add(clientData(merged.clientVersion()));
        params.add(open.id());
        int n = execute(c, "UPDATE " + schema.conflicts + " SET " + q("source") + " = ?, " + q("reported_at")
                + " = ?, " + q("reports") + " = " + q("reports") + " + 1, " + q("server_data") + " = ?, "
                + q("server_rev") + " = ?, " + q("server_checkpoint") + " = ?, " + q("client_change") + " = ?, "
                + q("client_version_known") + " = ?, " + q("client_data") + " = ? WHERE " + q("id") + " = ? AND "
                + q("resolved_at") + " IS NULL", params);
        return n == 0 ? null : new ConflictRecord(open.id(), merged, open.detectedAt(), open.reports() + 1, null);
    }

    private void insert(Connection c, ConflictRecord entry) throws SQLException {
        ConflictReport r = entry.report();
        List<Object> row = new ArrayList<>();
        row.add(entry.id());
        row.add(r.model());
        row.add(r.modelId());
        row.add(r.client().id());
        row.add(r.client().kind().wireName());
        row.add(r.source().wireName());
        row.add(entry.detectedAt());
        row.add(r.at());
        row.add(entry.reports());
        row.addAll(serverColumns(r.serverVersion()));
        row.add(Json.write(r.clientChange()));
        row.add(r.clientVersion() != null);
        row.add(clientData(r.clientVersion()));
        row.add(null);
        row.add(NULL_BIGINT);
        row.add(null);
        row.add(null);
        row.add(NULL_BIGINT);
        execute(c, "INSERT INTO " + schema.conflicts + " (" + conflictColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
    }

    private static List<Object> serverColumns(ServerVersion v) {
        List<Object> out = new ArrayList<>();
        out.add(v.data() == null ? null : Json.write(v.data()));
        out.add(v.rev());
        out.add(bigint(v.checkpoint()));
        return out;
    }

    private static String clientData(ClientVersion v) {
        return v == null || v.data() == null ? null : Json.write(v.data());
    }

    @Override
    public List<ConflictRecord> conflicts(boolean resolved, String model, int limit) {
        return store.inConnection("list the conflicts", c -> {
            StringBuilder where = new StringBuilder(" WHERE ").append(q("resolved_at"))
                    .append(resolved ? " IS NOT NULL" : " IS NULL");
            List<Object> params = new ArrayList<>();
            if (model != null) {
                where.append(" AND ").append(q("model")).append(" = ?");
                params.add(model);
            }
            where.append(" ORDER BY ").append(q("id")).append(" DESC").append(dialect.limitOffset(limit, 0));
            return select(c, where.toString(), params);
        });
    }

    @Override
    public ConflictRecord conflict(long id) {
        return store.inConnection("read conflict " + id, c -> byId(c, id));
    }

    private ConflictRecord byId(Connection c, long id) throws SQLException {
        List<ConflictRecord> found = select(c, " WHERE " + q("id") + " = ?", List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public Map<String, Long> openConflictCounts() {
        return store.inConnection("count the open conflicts", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + q("model") + ", COUNT(*) FROM "
                    + schema.conflicts + " WHERE " + q("resolved_at") + " IS NULL GROUP BY " + q("model")
                    + " ORDER BY " + q("model"));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public ConflictRecord resolve(long id, Keep keep, Map<String, Object> data, String rev, long at) {
        return store.inConnection("resolve conflict " + id, c -> {
            long seq = lockCounter(c, RESOLUTION_SEQS) + 1;
            List<Object> params = new ArrayList<>();
            params.add(keep.wireName());
            params.add(at);
            params.add(data == null ? null : Json.write(data));
            params.add(rev);
            params.add(seq);
            params.add(id);
            int n = execute(c, "UPDATE " + schema.conflicts + " SET " + q("resolution") + " = ?, " + q("resolved_at")
                    + " = ?, " + q("resolved_data") + " = ?, " + q("resolved_rev") + " = ?, " + q("resolution_seq")
                    + " = ? WHERE " + q("id") + " = ? AND " + q("resolved_at") + " IS NULL", params);
            if (n == 0) {
                return null; // unknown, or resolved already; the counter stays where it was
            }
            execute(c, "UPDATE " + schema.counters + " SET " + q("value") + " = ? WHERE " + q("name") + " = ?",
                    List.of(seq, RESOLUTION_SEQS));
            return byId(c, id);
        });
    }

    @Override
    public void reopen(long id, long seq) {
        store.inConnection("reopen conflict " + id, c -> execute(c, "UPDATE " + schema.conflicts + " SET "
                + q("resolution") + " = NULL, " + q("resolved_at") + " = NULL, " + q("resolved_data") + " = NULL, "
                + q("resolved_rev") + " = NULL, " + q("resolution_seq") + " = NULL WHERE " + q("id") + " = ? AND "
                + q("resolution_seq") + " = ?", List.of(id, seq)));
    }

    @Override
    public Set<String> openConflictIds(String model, String clientId, Collection<String> modelIds) {
        Set<String> out = new HashSet<>();
        if (modelIds.isEmpty()) {
            return out;
        }
        // every bulk-update asks, with up to thousands of ids, and a client has few open conflicts if any: reading
        // the client's open ones (through the client index) is one short query, where lists of ids take many
        Set<String> open = store.inConnection("find open conflicts", c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + q("model_id") + " FROM " + schema.conflicts
                    + " WHERE " + q("client_id") + " = ? AND " + q("model") + " = ? AND " + q("resolved_at")
                    + " IS NULL")) {
                ps.setString(1, clientId);
                ps.setString(2, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        for (String id : modelIds) {
            if (open.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public List<ConflictRecord> closeByClient(String model, String clientId, Keep how,
            Map<String, ServerVersion> after, long at) {
        if (!how.byClient()) {
            throw new IllegalArgumentException("closeByClient takes a client's resolution, got " + how);
        }
        if (after.isEmpty()) {
            return new ArrayList<>();
        }
        return store.inConnection("close " + after.size() + " conflicts resolved by their client", c -> {
            List<ConflictRecord> out = new ArrayList<>();
            for (Map.Entry<String, ServerVersion> e : after.entrySet()) {
                ServerVersion now = e.getValue();
                for (ConflictRecord open : select(c, " WHERE " + q("model_id") + " = ? AND " + q("model") + " = ? AND "
                        + q("client_id") + " = ? AND " + q("resolved_at") + " IS NULL",
                        List.of(e.getKey(), model, clientId))) {
                    List<Object> params = new ArrayList<>();
                    params.add(how.wireName());
                    params.add(at);
                    params.add(now.data() == null ? null : Json.write(now.data()));
                    params.add(now.rev());
                    params.add(open.id());
                    // no resolution_seq: /resolutions lists admin resolutions only, and the client knows of this
                    // one; the condition on resolved_at leaves an admin's concurrent resolution in place
                    int n = execute(c, "UPDATE " + schema.conflicts + " SET " + q("resolution") + " = ?, "
                            + q("resolved_at") + " = ?, " + q("resolved_data") + " = ?, " + q("resolved_rev")
                            + " = ?, " + q("resolution_seq") + " = NULL WHERE " + q("id") + " = ? AND "
                            + q("resolved_at") + " IS NULL", params);
                    if (n == 1) {
                        out.add(byId(c, open.id()));
                    }
                }
            }
            out.sort((x, y) -> Long.compare(x.id(), y.id()));
            return out;
        });
    }

    private static String placeholders(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    @Override
    public List<ConflictRecord> resolutions(String clientId, String model, long since, int limit) {
        return store.inConnection("list resolutions", c -> select(c, " WHERE " + q("client_id") + " = ? AND "
                + q("resolution_seq") + " >= ? AND " + q("model") + " = ? ORDER BY " + q("resolution_seq")
                + dialect.limitOffset(limit, 0), List.of(clientId, since, model)));
    }

    private List<ConflictRecord> select(Connection c, String where, List<Object> params) throws SQLException {
        List<ConflictRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + conflictColumns + " FROM " + schema.conflicts
                + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readConflict(rs));
                }
            }
        }
        return out;
    }

    private static ConflictRecord readConflict(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        ClientIdentity client = new ClientIdentity(rs.getString(4), kind(rs.getString(5)));
        ConflictSource source = ConflictSource.fromWire(rs.getString(6));
        if (source == null) {
            throw new SQLException("Conflict " + id + " has an unknown source \"" + rs.getString(6) + "\"", "22000");
        }
        ServerVersion server = new ServerVersion(object(rs.getString(10)), rs.getString(11), nullableLong(rs, 12));
        Map<String, Object> clientChange = object(rs.getString(13));
        ClientVersion clientVersion = rs.getBoolean(14) ? new ClientVersion(object(rs.getString(15))) : null;
        ConflictReport report = new ConflictReport(rs.getString(2), rs.getString(3), client, source, server,
                clientChange, clientVersion, rs.getLong(8));
        Resolution resolution = null;
        String keep = rs.getString(16);
        if (keep != null) {
            Keep k = Keep.fromWire(keep);
            if (k == null) {
                throw new SQLException("Conflict " + id + " has an unknown resolution \"" + keep + "\"", "22000");
            }
            resolution = new Resolution(k, object(rs.getString(18)), rs.getString(19), rs.getLong(17), rs.getLong(20));
        }
        return new ConflictRecord(id, report, rs.getLong(7), rs.getLong(9), resolution);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return json == null ? null : (Map<String, Object>) Json.parse(json, JSON_DEPTH);
    }

    private static ClientIdentity.Kind kind(String wire) throws SQLException {
        ClientIdentity.Kind k = ClientIdentity.Kind.fromWire(wire);
        if (k == null) {
            throw new SQLException("Unknown client kind \"" + wire + "\" in the admin tables", "22000");
        }
        return k;
    }

    // ---- JDBC helpers -------------------------------------------------------------------------------------

    private static int execute(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v == NULL_BIGINT) {
                ps.setNull(i + 1, Types.BIGINT);
            } else if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (v instanceof Long) {
                ps.setLong(i + 1, (Long) v);
            } else if (v instanceof Boolean) {
                ps.setBoolean(i + 1, (Boolean) v);
            } else {
                ps.setString(i + 1, (String) v);
            }
        }
    }

    private static Object bigint(Long v) {
        return v == null ? NULL_BIGINT : v;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
