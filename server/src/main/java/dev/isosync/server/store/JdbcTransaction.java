package dev.isosync.server.store;

import dev.isosync.change.Change;
import dev.isosync.json.Json;
import dev.isosync.memory.RecordOrder;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.StoreTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One transaction of a {@link JdbcStore} on one pooled connection. Its mode decides the locks: a write
 * transaction reads the checkpoint under the shared checkpoint lock and locks the change rows it reads; a batch
 * holds the checkpoint lock exclusively from its first statement (PROTOCOL.md 9.3.3 and 9.4.1).
 *
 * <p>The statements by id are prepared once per transaction. After a {@link #prefetch}, the reads of those
 * records and change rows are answered from what it read, and their writes wait in {@link PendingWrites} to go to
 * the database in batches, before any other statement and before the commit ({@link #flush()}): a bulk-update of
 * thousands of records then costs a few statements per batch instead of five per record.
 */
final class JdbcTransaction implements StoreTransaction {
    enum Mode {
        READ, WRITE, BATCH
    }

    private final JdbcStore store;
    private final SqlDialect dialect;
    private final Connection connection;
    private final Mode mode;
    /** The checkpoint read under lock; it cannot move before this transaction ends. */
    private Long lockedCheckpoint;
    private final PreparedStatements statements;
    private final PrefetchedRows prefetched = new PrefetchedRows();
    private final PendingWrites pending = new PendingWrites();

    JdbcTransaction(JdbcStore store, Connection connection, Mode mode) {
        this.store = store;
        this.dialect = store.dialect;
        this.connection = connection;
        this.mode = mode;
        this.statements = new PreparedStatements(connection, dialect);
    }

    /** Sends the writes still waiting; run before the commit and before any statement that could see them. */
    void flush() {
        pending.flush();
    }

    /** Releases the transaction's statements; run when it ends, however it ends. */
    void close() {
        statements.closeAll();
    }

    @Override
    public long currentCheckpoint() {
        if (lockedCheckpoint != null) {
            return lockedCheckpoint;
        }
        // a write holds the checkpoint lock shared to its end, so a bump (an UPDATE of the row) waits for it and
        // no change can be stamped with a checkpoint a reader already considers sealed (PROTOCOL.md 9.3.3)
        boolean exclusive = mode == Mode.BATCH;
        String statement = mode == Mode.READ ? null
                : dialect.checkpointLockStatement(store.schema.checkpointTable, exclusive);
        String clause = mode == Mode.READ ? "" : dialect.checkpointLockClause(exclusive);
        long seq = run("read the checkpoint", () -> {
            if (statement != null) {
                try (PreparedStatement ps = connection.prepareStatement(statement)) {
                    ps.execute();
                }
            }
            return queryLong(checkpointSelect() + clause, List.of());
        });
        if (mode != Mode.READ) {
            lockedCheckpoint = seq;
        }
        return seq;
    }

    /** Moves the checkpoint on by one and returns the new value; the UPDATE waits for every write holding the lock. */
    long bump() {
        return run("bump the checkpoint", () -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + store.schema.checkpointTable + " SET "
                    + q("seq") + " = " + q("seq") + " + 1 WHERE " + q("id") + " = 1")) {
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("The checkpoint table " + store.schema.checkpointTable + " has no row 1",
                            "55000");
                }
            }
            return queryLong(checkpointSelect(), List.of());
        });
    }

    private String checkpointSelect() {
        return "SELECT " + q("seq") + " FROM " + store.schema.checkpointTable + " WHERE " + q("id") + " = 1";
    }

    /** The single number a query answers: the checkpoint, a count. */
    private long queryLong(String sql, List<?> params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindAll(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // only the checkpoint query can come back empty: someone deleted the row the store created
                    throw new SQLException("The checkpoint table " + store.schema.checkpointTable + " has no row 1",
                            "55000");
                }
                return rs.getLong(1);
            }
        }
    }

    // ---- records --------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> findById(ModelDefinition model, String id) {
        ModelTable t = store.table(model);
        if (prefetched.knowsRecord(t, id)) {
            return prefetched.record(t, id);
        }
        flush();
        return run("read " + model.name() + " " + Json.write(id), () -> {
            PreparedStatement ps = statements.get(t.selectById);
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? t.readRecord(rs, 1) : null;
            }
        });
    }

    @Override
    public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
        ModelTable t = store.table(model);
        flush();
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            run("read " + chunk.size() + " " + model.name() + " records by id", () -> {
                PreparedStatement ps = statements.idLookup(t.selectByIds(chunk.size()));
                bindAll(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(t.readRecord(rs, 1));
                    }
                }
                return null;
            });
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> find(ModelDefinition model, Filter filter) {
        ModelTable t = store.table(model);
        flush();
        WhereSql where = WhereSql.translate(t, filter.where());
        boolean orderInSql = true;
        for (Filter.Order o : filter.order()) {
            orderInSql &= ModelTable.isScalar(o.property());
        }
        if (where != null && orderInSql) {
            StringBuilder sql = new StringBuilder("SELECT ").append(t.columnList).append(" FROM ").append(t.table)
                    .append(" WHERE ").append(where.sql).append(" ORDER BY ");
            for (Filter.Order o : filter.order()) {
                sql.append(dialect.orderTerm(t.column(o.property()), o.descending())).append(", ");
            }
            // ties keep id order, as the memory store's stable sort of id-ordered records does
            sql.append(t.idColumn).append(" ASC").append(dialect.limitOffset(filter.limit(), filter.skip()));
            return select(model, sql.toString(), where.params, t);
        }
        // JSON columns cannot be compared in SQL as JavaScript values: filter and sort those in Java, over rows
        // in id order so that the stable sort breaks ties as the memory store does
        List<Map<String, Object>> rows = select(model, "SELECT " + t.columnList + " FROM " + t.table + " WHERE "
                + (where == null ? "1 = 1" : where.sql) + " ORDER BY " + t.idColumn + " ASC",
                where == null ? Collections.emptyList() : where.params, t);
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (where != null || filter.where().matches(r)) {
                matching.add(r);
            }
        }
        if (!filter.order().isEmpty()) {
            matching.sort(RecordOrder.of(filter.order()));
        }
        return filter.page(matching);
    }

    private List<Map<String, Object>> select(ModelDefinition model, String sql, List<Object> params, ModelTable t) {
        return run("find " + model.name() + " records", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bindAll(ps, 1, params);
                List<Map<String, Object>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(t.readRecord(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long count(ModelDefinition model, Where where) {
        ModelTable t = store.table(model);
        flush();
        WhereSql sql = WhereSql.translate(t, where);
        if (sql == null) {
            return find(model, Filter.where(where)).size();
        }
        return run("count " + model.name() + " records",
                () -> queryLong("SELECT COUNT(*) FROM " + t.table + " WHERE " + sql.sql, sql.params));
    }

    @Override
    public void insert(ModelDefinition model, Map<String, Object> record) {
        ModelTable t = store.table(model);
        String id = writable(t, record);
        String what = "insert " + model.name();
        if (prefetched.knowsRecord(t, id) && !prefetched.hasRecord(t, id)) {
            prefetched.forgetRecord(t, id);
            later(t.table, id, t.insert, what, null, ps -> t.bindRecord(ps, 1, record));
            return;
        }
        flush();
        run(what + " " + Json.write(id), () -> {
            PreparedStatement ps = statements.get(t.insert);
            t.bindRecord(ps, 1, record);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public void update(ModelDefinition model, Map<String, Object> record) {
        ModelTable t = store.table(model);
        String id = writable(t, record);
        String what = "update " + model.name();
        if (prefetched.knowsRecord(t, id)) {
            if (!prefetched.hasRecord(t, id)) {
                insert(model, record); // known to be missing: a replace of a missing record stores it
            } else if (t.update != null) {
                prefetched.forgetRecord(t, id);
                // the record was there when it was read; should it be gone by now, the replace stores it
                later(t.table, id, t.update, what, () -> insert(model, record), ps -> t.bindUpdate(ps, record));
            }
            return;
        }
        flush();
        boolean updated = t.update == null ? findById(model, id) != null : run(what + " " + Json.write(id), () -> {
            PreparedStatement ps = statements.get(t.update);
            t.bindUpdate(ps, record);
            return ps.executeUpdate() == 1;
        });
        if (!updated) {
            insert(model, record); // a replace of a missing record stores it, as the memory store's put does
        }
    }

    @Override
    public boolean delete(ModelDefinition model, String id) {
        ModelTable t = store.table(model);
        String what = "delete " + model.name();
        requireWrite(what + " " + Json.write(id));
        if (prefetched.knowsRecord(t, id)) {
            boolean existed = prefetched.hasRecord(t, id);
            prefetched.forgetRecord(t, id);
            if (existed) {
                later(t.table, id, t.deleteById, what, null, ps -> ps.setString(1, id));
            }
            return existed;
        }
        flush();
        return run(what + " " + Json.write(id), () -> {
            PreparedStatement ps = statements.get(t.deleteById);
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        });
    }

    /** How a write binds its parameters. */
    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Puts a write of a row off to the next {@link #flush()}, to go to the database in a batch. */
    private void later(String table, String id, String sql, String what, PendingWrites.IfNoRow ifNoRow,
            Binding binding) {
        String row = PendingWrites.key(table, id);
        pending.beforeWriting(row);
        run(what + " " + Json.write(id), () -> {
            PreparedStatement ps = statements.get(sql);
            binding.bind(ps);
            pending.add(ps, row, what, id, ifNoRow);
            return null;
        });
    }

    private String writable(ModelTable t, Map<String, Object> record) {
        String id = t.idOf(record);
        requireWrite("write " + t.model.name() + " " + Json.write(id));
        return id;
    }

    // ---- changes --------------------------------------------------------------------------------------

    @Override
    public Change findChange(ModelDefinition model, String modelId) {
        ModelTable t = store.table(model);
        if (prefetched.knowsChange(t, modelId)) {
            return prefetched.change(t, modelId); // read under its row lock by the prefetch
        }
        flush();
        // in a write, the row stays locked to the end so the caller's compare-and-swap is atomic (PROTOCOL.md 9.5.2)
        String sql = mode == Mode.READ ? t.selectChange : t.selectChangeLocked;
        return run("read the change of " + model.name() + " " + Json.write(modelId), () -> {
            PreparedStatement ps = statements.get(sql);
            ps.setString(1, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? t.readChange(rs) : null;
            }
        });
    }

    @Override
    public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
        ModelTable t = store.table(model);
        flush();
        List<Change> out = new ArrayList<>();
        for (List<String> chunk : chunks(modelIds)) {
            run("read " + chunk.size() + " " + model.name() + " changes", () -> {
                PreparedStatement ps = statements.idLookup(t.selectChanges(chunk.size(), false));
                bindAll(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(t.readChange(rs));
                    }
                }
                return null;
            });
        }
        return out;
    }

    @Override
    public void saveChange(ModelDefinition model, Change change) {
        ModelTable t = store.table(model);
        String what = "save the change of " + model.name();
        String id = change.modelId();
        requireWrite(what + " " + Json.write(id));
        if (prefetched.knowsChange(t, id)) {
            // known to exist or not: a plain insert or update, which costs the database less than an upsert
            boolean exists = prefetched.change(t, id) != null;
            prefetched.forgetChange(t, id);
            if (exists) {
                later(t.changeTable, id, t.updateChange, what, () -> saveChange(model, change),
                        ps -> t.bindChangeUpdate(ps, change));
            } else {
                later(t.changeTable, id, t.insertChange, what, null, ps -> t.bindChange(ps, change));
            }
            return;
        }
        flush();
        run(what + " " + Json.write(id), () -> {
            PreparedStatement ps = statements.get(t.upsertChange);
            t.bindChange(ps, change);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public void removeChange(ModelDefinition model, String modelId) {
        ModelTable t = store.table(model);
        String what = "remove the change of " + model.name();
        requireWrite(what + " " + Json.write(modelId));
        if (prefetched.knowsChange(t, modelId)) {
            boolean existed = prefetched.change(t, modelId) != null;
            prefetched.forgetChange(t, modelId);
            if (existed) {
                later(t.changeTable, modelId, t.deleteChange, what, null, ps -> ps.setString(1, modelId));
            }
            return;
        }
        flush();
        run(what + " " + Json.write(modelId), () -> {
            PreparedStatement ps = statements.get(t.deleteChange);
            ps.setString(1, modelId);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        ModelTable t = store.table(model);
        flush();
        String cp = q("checkpoint");
        String id = q("model_id");
        StringBuilder sql = new StringBuilder("SELECT ").append(t.changeColumnList).append(" FROM ")
                .append(t.changeTable).append(" WHERE ").append(cp).append(" >= ? AND ").append(cp).append(" < ?");
        List<Object> params = new ArrayList<>(Arrays.asList(since, before));
        if (after != null) {
            // keyset paging: the same (checkpoint, model_id) order as the ORDER BY, compared by the database
            // with the column's collation, so no row is skipped or repeated between pages (PROTOCOL.md 9.4.5)
            sql.append(" AND (").append(cp).append(" > ? OR (").append(cp).append(" = ? AND ").append(id)
                    .append(" > ?))");
            params.addAll(Arrays.asList(after.checkpoint(), after.checkpoint(), after.modelId()));
        }
        sql.append(" ORDER BY ").append(cp).append(" ASC, ").append(id).append(" ASC")
                .append(dialect.limitOffset(limit, 0));
        return run("list " + model.name() + " changes", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                bindAll(ps, 1, params);
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(t.readChange(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Change> ownedChanges(ModelDefinition model, String owner, long since, long before, ChangeCursor after,
            int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        ModelTable t = store.table(model);
        flush();
        String cp = q("checkpoint");
        String id = q("model_id");
        // the owner index (owner, checkpoint, model_id) serves this order directly (PROTOCOL.md 9.7)
        StringBuilder sql = new StringBuilder("SELECT ").append(t.changeColumnList).append(" FROM ")
                .append(t.changeTable).append(" WHERE ").append(q("owner")).append(" = ? AND ").append(cp)
                .append(" >= ? AND ").append(cp).append(" < ?");
        List<Object> params = new ArrayList<>(Arrays.asList(owner, since, before));
        if (after != null) {
            sql.append(" AND (").append(cp).append(" > ? OR (").append(cp).append(" = ? AND ").append(id)
                    .append(" > ?))");
            params.addAll(Arrays.asList(after.checkpoint(), after.checkpoint(), after.modelId()));
        }
        sql.append(" ORDER BY ").append(cp).append(" ASC, ").append(id).append(" ASC")
                .append(dialect.limitOffset(limit, 0));
        return run("list " + model.name() + " changes of one owner", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                bindAll(ps, 1, params);
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(t.readChange(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long countChanges(ModelDefinition model) {
        ModelTable t = store.table(model);
        flush();
        return run("count " + model.name() + " changes",
                () -> queryLong("SELECT COUNT(*) FROM " + t.changeTable, List.of()));
    }

    /**
     * Reads the records and change rows of {@code ids} in a few statements and answers their reads from them; a read
     * transaction ignores the hint. In a write the change rows are locked, as {@link #findChange} locks them. A batch
     * locks none: it holds the checkpoint lock exclusively, and every write of a change row is made under that lock
     * (PROTOCOL.md 9.3.3), so no other transaction can change them; row locks would cost a write of each row.
     */
    @Override
    public void prefetch(ModelDefinition model, Collection<String> ids) {
        if (mode == Mode.READ) {
            return;
        }
        ModelTable t = store.table(model);
        List<String> records = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (!prefetched.knowsRecord(t, id)) {
                records.add(id);
            }
            if (!prefetched.knowsChange(t, id)) {
                changes.add(id);
            }
        }
        if (records.isEmpty() && changes.isEmpty()) {
            return;
        }
        flush();
        for (List<String> chunk : chunks(records)) {
            run("read " + chunk.size() + " " + model.name() + " records by id", () -> {
                PreparedStatement ps = statements.idLookup(t.selectByIds(chunk.size()));
                bindAll(ps, 1, chunk);
                for (String id : chunk) {
                    prefetched.recordRead(t, id, null);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> r = t.readRecord(rs, 1);
                        prefetched.recordRead(t, t.idOf(r), r);
                    }
                }
                return null;
            });
        }
        for (List<String> chunk : chunks(changes)) {
            run("read " + chunk.size() + " " + model.name() + " changes", () -> {
                PreparedStatement ps = statements.idLookup(t.selectChanges(chunk.size(), mode == Mode.WRITE));
                bindAll(ps, 1, chunk);
                for (String id : chunk) {
                    prefetched.changeRead(t, id, null);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Change c = t.readChange(rs);
                        prefetched.changeRead(t, c.modelId(), c);
                    }
                }
                return null;
            });
        }
    }

    // ---- meta -----------------------------------------------------------------------------------------

    @Override
    public String getMeta(String key) {
        checkMetaKey(key);
        return run("read meta " + Json.write(key), () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT " + q("meta_value") + " FROM "
                    + store.schema.metaTable + " WHERE " + q("meta_key") + " = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void putMeta(String key, String value) {
        checkMetaKey(key);
        String what = "write meta " + Json.write(key);
        requireWrite(what);
        run(what, () -> {
            String sql = value == null
                    ? "DELETE FROM " + store.schema.metaTable + " WHERE " + q("meta_key") + " = ?"
                    : dialect.upsert(store.schema.metaTable, Arrays.asList(q("meta_key"), q("meta_value")),
                            q("meta_key"));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, key);
                if (value != null) {
                    ps.setString(2, value);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void checkMetaKey(String key) {
        if (key == null || key.isEmpty() || key.length() > Schema.META_KEY_LENGTH) {
            throw new IllegalArgumentException("Meta keys have 1 to " + Schema.META_KEY_LENGTH + " characters, got "
                    + (key == null ? "null" : key.length() + ": " + Json.write(key)));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** A read transaction holds no checkpoint lock, so a write in it could be stamped behind a bump. */
    private void requireWrite(String what) {
        if (mode == Mode.READ) {
            throw new IllegalStateException("Cannot " + what + " in a read transaction; use Store.write");
        }
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    /** The distinct ids in lists of {@link SqlDialect#idsPerStatement()}. */
    private List<List<String>> chunks(Collection<String> ids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<String>> out = new ArrayList<>();
        int size = dialect.idsPerStatement();
        for (int i = 0; i < distinct.size(); i += size) {
            out.add(distinct.subList(i, Math.min(i + size, distinct.size())));
        }
        return out;
    }

    private static void bindAll(PreparedStatement ps, int first, List<?> values) throws SQLException {
        int i = first;
        for (Object v : values) {
            if (v instanceof String) {
                ps.setString(i++, (String) v);
            } else if (v instanceof Double) {
                ps.setDouble(i++, (Double) v);
            } else if (v instanceof Boolean) {
                ps.setBoolean(i++, (Boolean) v);
            } else if (v instanceof Long) {
                ps.setLong(i++, (Long) v);
            } else {
                throw new IllegalArgumentException("Cannot bind " + (v == null ? "null" : v.getClass().getName()));
            }
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T run(String what, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw StoreException.of(what, e);
        }
    }
}
