package dev.isosync.server.store;

import dev.isosync.change.Change;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import dev.isosync.query.Condition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.StoreTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JDBC transaction of a {@link JdbcStore}: parameterised SQL only, values always bound. */
final class JdbcTransaction implements StoreTransaction {
    /** What the transaction may do, and which locks it takes. */
    enum Mode {
        READ, WRITE, BATCH, BUMP
    }

    /** An SQLException carried through the store's functional interfaces. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException e) {
            super(e.getMessage(), e);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }

    private static final int IN_CHUNK = 500;

    private final Connection c;
    private final SqlDialect dialect;
    private final Tables tables;
    private final Mode mode;
    private Long checkpoint;

    JdbcTransaction(Connection c, SqlDialect dialect, Tables tables, Mode mode) {
        this.c = c;
        this.dialect = dialect;
        this.tables = tables;
        this.mode = mode;
    }

    /** A batch takes the checkpoint row exclusively first: no lock upgrade, so no deadlock with writes. */
    void begin() {
        if (mode == Mode.BATCH) {
            checkpoint = querySeq(" FOR UPDATE");
        }
    }

    @Override
    public long currentCheckpoint() {
        if (checkpoint == null) {
            checkpoint = querySeq(mode == Mode.WRITE ? dialect.shareLock() : "");
        }
        return mode == Mode.READ ? uncached() : checkpoint;
    }

    private long uncached() {
        long seq = checkpoint;
        checkpoint = null; // a read transaction sees the latest value each time
        return seq;
    }

    private long querySeq(String lock) {
        return queryLong("SELECT seq FROM " + tables.checkpoint() + " WHERE id = 1" + lock, List.of());
    }

    @Override
    public Map<String, Object> findById(ModelDefinition model, String id) {
        List<Map<String, Object>> rows = query(model, "SELECT * FROM " + tables.records(model) + " WHERE "
                + dialect.quote(model.idName()) + " = ?", List.of(id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public List<Map<String, Object>> findByIds(ModelDefinition model, Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> part = JdbcStore.chunk(all, i, IN_CHUNK);
            out.addAll(query(model, "SELECT * FROM " + tables.records(model) + " WHERE " + dialect.quote(model.idName())
                    + " IN (" + placeholders(part.size()) + ")", new ArrayList<Object>(part)));
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> find(ModelDefinition model, Filter filter) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(tables.records(model)).append(" WHERE ")
                .append(filter.where().accept(new WhereSql(dialect, params)));
        sql.append(" ORDER BY ");
        for (Filter.Order o : filter.order()) {
            String col = dialect.quote(o.property().name());
            if (dialect == SqlDialect.MARIADB) {
                sql.append(col).append(o.descending() ? " DESC, " : " ASC, "); // MariaDB: nulls sort lowest already
            } else {
                sql.append(col).append(o.descending() ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
            }
        }
        sql.append(dialect.quote(model.idName()));
        if (filter.limit() >= 0 || filter.skip() > 0) {
            sql.append(" LIMIT ? OFFSET ?");
            params.add(filter.limit() >= 0 ? filter.limit() : Integer.MAX_VALUE);
            params.add(filter.skip());
        }
        return query(model, sql.toString(), params);
    }

    @Override
    public long count(ModelDefinition model, Where where) {
        List<Object> params = new ArrayList<>();
        return queryLong("SELECT COUNT(*) FROM " + tables.records(model) + " WHERE "
                + where.accept(new WhereSql(dialect, params)), params);
    }

    @Override
    public void insert(ModelDefinition model, Map<String, Object> record) {
        StringBuilder cols = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Property p : model.properties()) {
            cols.append(tables.column(p)).append(", ");
            params.add(toColumn(p, record.get(p.name())));
        }
        cols.setLength(cols.length() - 2);
        update("INSERT INTO " + tables.records(model) + " (" + cols + ") VALUES (" + placeholders(params.size()) + ")",
                params);
    }

    @Override
    public void update(ModelDefinition model, Map<String, Object> record) {
        StringBuilder sets = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Property p : model.properties()) {
            if (!p.name().equals(model.idName())) {
                sets.append(tables.column(p)).append(" = ?, ");
                params.add(toColumn(p, record.get(p.name())));
            }
        }
        sets.setLength(sets.length() - 2);
        params.add(record.get(model.idName()));
        update("UPDATE " + tables.records(model) + " SET " + sets + " WHERE " + dialect.quote(model.idName()) + " = ?",
                params);
    }

    @Override
    public boolean delete(ModelDefinition model, String id) {
        return update("DELETE FROM " + tables.records(model) + " WHERE " + dialect.quote(model.idName()) + " = ?",
                List.of(id)) > 0;
    }

    @Override
    public Change findChange(ModelDefinition model, String modelId) {
        String lock = mode == Mode.READ ? "" : " FOR UPDATE";
        List<Change> rows = changeQuery("SELECT * FROM " + tables.changes(model) + " WHERE model_id = ?" + lock,
                List.of(modelId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public List<Change> findChanges(ModelDefinition model, Collection<String> modelIds) {
        List<String> all = new ArrayList<>(modelIds);
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> part = JdbcStore.chunk(all, i, IN_CHUNK);
            out.addAll(changeQuery("SELECT * FROM " + tables.changes(model) + " WHERE model_id IN ("
                    + placeholders(part.size()) + ")", new ArrayList<Object>(part)));
        }
        return out;
    }

    @Override
    public void saveChange(ModelDefinition model, Change change) {
        List<Object> params = new ArrayList<>();
        params.add(change.rev());
        params.add(change.prev());
        params.add(change.hasPrev());
        params.add(change.checkpointOr(0));
        params.add(change.isEcho());
        params.add(change.modelName() == null ? model.name() : change.modelName());
        params.add(change.modelId());
        int n = update("UPDATE " + tables.changes(model) + " SET rev = ?, prev = ?, prev_set = ?, checkpoint = ?, "
                + "echo = ?, model_name = ? WHERE model_id = ?", params);
        if (n == 0) {
            update("INSERT INTO " + tables.changes(model) + " (rev, prev, prev_set, checkpoint, echo, model_name, "
                    + "model_id) VALUES (?, ?, ?, ?, ?, ?, ?)", params);
        }
    }

    @Override
    public void removeChange(ModelDefinition model, String modelId) {
        update("DELETE FROM " + tables.changes(model) + " WHERE model_id = ?", List.of(modelId));
    }

    @Override
    public List<Change> changes(ModelDefinition model, long since, long before, ChangeCursor after, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(tables.changes(model))
                .append(" WHERE checkpoint >= ? AND checkpoint < ?");
        params.add(since);
        params.add(before);
        if (after != null) {
            sql.append(" AND (checkpoint > ? OR (checkpoint = ? AND model_id > ?))");
            params.add(after.checkpoint());
            params.add(after.checkpoint());
            params.add(after.modelId());
        }
        sql.append(" ORDER BY checkpoint, model_id LIMIT ?");
        params.add(limit);
        return changeQuery(sql.toString(), params);
    }

    @Override
    public long countChanges(ModelDefinition model) {
        return queryLong("SELECT COUNT(*) FROM " + tables.changes(model), List.of());
    }

    @Override
    public String getMeta(String key) {
        try (PreparedStatement s = prepare("SELECT v FROM " + tables.meta() + " WHERE k = ?", List.of(key));
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public void putMeta(String key, String value) {
        if (value == null) {
            update("DELETE FROM " + tables.meta() + " WHERE k = ?", List.of(key));
            return;
        }
        List<Object> params = new ArrayList<>();
        params.add(value);
        params.add(key);
        if (update("UPDATE " + tables.meta() + " SET v = ? WHERE k = ?", params) == 0) {
            update("INSERT INTO " + tables.meta() + " (v, k) VALUES (?, ?)", params);
        }
    }

    // ---- helpers ----

    private static String placeholders(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.toString();
    }

    private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v == null) {
                s.setNull(i + 1, Types.NULL);
            } else if (v instanceof Double) {
                s.setDouble(i + 1, (Double) v);
            } else {
                s.setObject(i + 1, v);
            }
        }
        return s;
    }

    /** The single number a query answers (a count, the checkpoint). */
    private long queryLong(String sql, List<Object> params) {
        try (PreparedStatement s = prepare(sql, params); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private int update(String sql, List<Object> params) {
        try (PreparedStatement s = prepare(sql, params)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private List<Map<String, Object>> query(ModelDefinition model, String sql, List<Object> params) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement s = prepare(sql, params); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Map<String, Object> record = new LinkedHashMap<>();
                for (Property p : model.properties()) {
                    record.put(p.name(), fromColumn(p, r));
                }
                out.add(record);
            }
            return out;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private List<Change> changeQuery(String sql, List<Object> params) {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement s = prepare(sql, params); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Change ch = Change.of(r.getString("model_name"), r.getString("model_id"), r.getString("rev"),
                        r.getLong("checkpoint"));
                if (r.getBoolean("prev_set")) {
                    ch = ch.withPrev(r.getString("prev"));
                }
                out.add(ch.withEcho(r.getBoolean("echo")));
            }
            return out;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** A property value as its column holds it: objects and arrays as JSON text. */
    static Object toColumn(Property p, Object value) {
        if (value == null) {
            return null;
        }
        switch (p.type()) {
            case NUMBER:
                return ((Number) value).doubleValue();
            case OBJECT:
            case ARRAY:
            case ANY:
                return Json.write(value);
            default:
                return value;
        }
    }

    private static Object fromColumn(Property p, ResultSet r) throws SQLException {
        String col = p.name();
        switch (p.type()) {
            case NUMBER: {
                double d = r.getDouble(col);
                return r.wasNull() ? null : d;
            }
            case BOOLEAN: {
                boolean b = r.getBoolean(col);
                return r.wasNull() ? null : b;
            }
            case OBJECT:
            case ARRAY:
            case ANY: {
                String json = r.getString(col);
                return json == null ? null : Json.parse(json);
            }
            default:
                return r.getString(col);
        }
    }

    /** Translates a where clause to SQL, adding its values to the bound parameters. */
    private static final class WhereSql implements Where.Visitor<String> {
        private final SqlDialect dialect;
        private final List<Object> params;

        WhereSql(SqlDialect dialect, List<Object> params) {
            this.dialect = dialect;
            this.params = params;
        }

        @Override
        public String and(List<Where> parts) {
            return join(parts, " AND ", "1=1");
        }

        @Override
        public String or(List<Where> parts) {
            return join(parts, " OR ", "1=0");
        }

        private String join(List<Where> parts, String op, String empty) {
            if (parts.isEmpty()) {
                return empty;
            }
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < parts.size(); i++) {
                b.append(i == 0 ? "" : op).append(parts.get(i).accept(this));
            }
            return b.append(')').toString();
        }

        // NULL semantics follow Condition.matches: neq and nin match NULL, ranges never do
        @Override
        public String condition(Condition c) {
            String col = dialect.quote(c.property().name());
            List<Object> values = c.values();
            Object v = values.isEmpty() ? null : values.get(0);
            switch (c.op()) {
                case EQ:
                    return v == null ? col + " IS NULL" : bind(col + " = ?", c.property(), v);
                case NEQ:
                    return v == null ? col + " IS NOT NULL" : "(" + bind(col + " <> ?", c.property(), v) + " OR " + col
                            + " IS NULL)";
                case GT:
                    return range(col, " > ?", c.property(), v);
                case GTE:
                    return range(col, " >= ?", c.property(), v);
                case LT:
                    return range(col, " < ?", c.property(), v);
                case LTE:
                    return range(col, " <= ?", c.property(), v);
                case BETWEEN:
                    if (v == null || values.get(1) == null) {
                        return "1=0";
                    }
                    return "(" + bind(col + " >= ?", c.property(), v) + " AND " + bind(col + " <= ?", c.property(),
                            values.get(1)) + ")";
                case INQ:
                    return in(col, c.property(), values, false);
                default:
                    return in(col, c.property(), values, true);
            }
        }

        private String range(String col, String op, Property p, Object v) {
            return v == null ? "1=0" : bind(col + op, p, v);
        }

        private String bind(String sql, Property p, Object v) {
            params.add(p.type() == PropertyType.NUMBER || v instanceof Number ? ((Number) v).doubleValue() : v);
            return sql;
        }

        private String in(String col, Property p, List<Object> values, boolean negate) {
            List<Object> present = new ArrayList<>();
            boolean hasNull = false;
            for (Object v : values) {
                if (v == null) {
                    hasNull = true;
                } else {
                    present.add(v);
                }
            }
            StringBuilder list = new StringBuilder();
            for (Object v : present) {
                list.append(list.length() == 0 ? "?" : ", ?");
                bind("", p, v);
            }
            String inList = present.isEmpty() ? "1=0" : col + " IN (" + list + ")";
            String matches = hasNull ? "(" + inList + " OR " + col + " IS NULL)" : inList;
            if (!negate) {
                return matches;
            }
            // NOT IN over NULL is unknown in SQL; a missing value is simply not in the list
            return hasNull ? "(" + col + " IS NOT NULL AND NOT (" + inList + "))"
                    : "(" + col + " IS NULL OR NOT (" + inList + "))";
        }
    }
}
