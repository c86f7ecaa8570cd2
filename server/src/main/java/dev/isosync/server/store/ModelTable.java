package dev.isosync.server.store;

import dev.isosync.change.Change;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two tables of one model, a record table with one column per declared property and a change table
 * with one row per instance, and how values travel between Java and their columns. Every statement of the
 * store that touches a model is built here from quoted names of the model definition, never from values.
 */
final class ModelTable {
    /** Longest string id (PROTOCOL.md 9.2.5). */
    static final int ID_LENGTH = ModelDefinition.MAX_ID_LENGTH;
    /** Nesting accepted when reading JSON back: generous, so whatever was stored stays readable. */
    private static final int JSON_DEPTH = 1024;

    /** The change table's columns, in the order of {@link #bindChange}. */
    static final List<String> CHANGE_COLUMNS = Arrays.asList(
            "model_id", "rev", "prev", "prev_set", "checkpoint", "echo", "model_name", "owner");

    final ModelDefinition model;
    final SqlDialect dialect;
    final String table;
    final String changeTable;
    final String changeIndex;
    /** The index of a model with an owner property on (owner, checkpoint, model_id): one owner's change list. */
    final String ownerIndex;
    final List<Property> properties;
    final String idColumn;
    /** Quoted property columns in declaration order, comma-separated. */
    final String columnList;
    final List<String> quotedColumns;
    final String changeColumnList;
    /** The properties an update sets: all but the id. */
    final List<Property> updatedProperties;
    /** The properties stored as JSON text: the only ones whose values are maps and lists. */
    final List<Property> jsonProperties;

    // the statements by id, built once: a batch runs them for each of its records
    final String selectById;
    final String insert;
    /** {@code null} when the model has no property but its id. */
    final String update;
    final String deleteById;
    final String selectChange;
    /** {@link #selectChange} locking the row until the transaction ends. */
    final String selectChangeLocked;
    final String upsertChange;
    /** Plain insert and update of a change row, for a batch that knows whether the row exists. */
    final String insertChange;
    final String updateChange;
    final String deleteChange;

    ModelTable(SqlDialect dialect, ModelDefinition model, String prefix) {
        this.model = model;
        this.dialect = dialect;
        this.table = dialect.quote(prefix + model.name());
        this.changeTable = dialect.quote(prefix + model.name() + "_change");
        this.changeIndex = dialect.quote(prefix + model.name() + "_change_cp");
        this.ownerIndex = dialect.quote(prefix + model.name() + "_change_owner");
        this.properties = new ArrayList<>(model.properties());
        this.idColumn = dialect.quote(model.idName());
        this.quotedColumns = new ArrayList<>();
        for (Property p : properties) {
            quotedColumns.add(dialect.quote(p.name()));
        }
        this.columnList = String.join(", ", quotedColumns);
        List<String> changeColumns = new ArrayList<>();
        for (String c : CHANGE_COLUMNS) {
            changeColumns.add(dialect.quote(c));
        }
        this.changeColumnList = String.join(", ", changeColumns);
        this.updatedProperties = new ArrayList<>();
        this.jsonProperties = new ArrayList<>();
        for (Property p : properties) {
            if (!isScalar(p) && !p.name().equals(model.idName())) {
                jsonProperties.add(p);
            }
        }
        List<String> sets = new ArrayList<>();
        for (Property p : properties) {
            if (!p.name().equals(model.idName())) {
                updatedProperties.add(p);
                sets.add(column(p) + " = ?");
            }
        }
        this.selectById = "SELECT " + columnList + " FROM " + table + " WHERE " + idColumn + " = ?";
        this.insert = "INSERT INTO " + table + " (" + columnList + ") VALUES ("
                + H2Dialect.placeholders(properties.size()) + ")";
        this.update = sets.isEmpty() ? null
                : "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE " + idColumn + " = ?";
        this.deleteById = "DELETE FROM " + table + " WHERE " + idColumn + " = ?";
        String modelId = dialect.quote("model_id");
        this.selectChange = "SELECT " + changeColumnList + " FROM " + changeTable + " WHERE " + modelId + " = ?";
        this.selectChangeLocked = selectChange + dialect.rowLockClause();
        this.upsertChange = dialect.upsert(changeTable, changeColumns, modelId);
        this.insertChange = "INSERT INTO " + changeTable + " (" + changeColumnList + ") VALUES ("
                + H2Dialect.placeholders(changeColumns.size()) + ")";
        List<String> changeSets = new ArrayList<>();
        for (String c : changeColumns.subList(1, changeColumns.size())) {
            changeSets.add(c + " = ?");
        }
        this.updateChange = "UPDATE " + changeTable + " SET " + String.join(", ", changeSets) + " WHERE " + modelId
                + " = ?";
        this.deleteChange = "DELETE FROM " + changeTable + " WHERE " + modelId + " = ?";
    }

    /** The records whose ids are among {@code n} parameters. */
    String selectByIds(int n) {
        return "SELECT " + columnList + " FROM " + table + " WHERE " + idColumn + " IN (" + H2Dialect.placeholders(n)
                + ")";
    }

    /** The change rows whose model ids are among {@code n} parameters, locked when {@code lock}. */
    String selectChanges(int n, boolean lock) {
        return "SELECT " + changeColumnList + " FROM " + changeTable + " WHERE " + dialect.quote("model_id") + " IN ("
                + H2Dialect.placeholders(n) + ")" + (lock ? dialect.rowLockClause() : "");
    }

    /** Unquoted names of the tables and index, for length checks. */
    static List<String> rawNames(ModelDefinition model, String prefix) {
        return Arrays.asList(prefix + model.name(), prefix + model.name() + "_change",
                prefix + model.name() + "_change_cp", prefix + model.name() + "_change_owner");
    }

    String column(Property p) {
        return dialect.quote(p.name());
    }

    /** The SQL type of a property's column. */
    String sqlType(Property p) {
        if (p.name().equals(model.idName())) {
            return dialect.keyType(ID_LENGTH);
        }
        switch (p.type()) {
            case STRING:
                return dialect.textType();
            case NUMBER:
                return dialect.doubleType();
            case BOOLEAN:
                return dialect.booleanType();
            case DATE:
                return dialect.keyType(24); // the fixed-width ISO form, so it orders as a string
            default:
                return dialect.jsonType();
        }
    }

    /** Whether a property's values are compared in SQL as they are (not JSON text): see {@link WhereSql}. */
    static boolean isScalar(Property p) {
        PropertyType t = p.type();
        return t == PropertyType.STRING || t == PropertyType.NUMBER || t == PropertyType.BOOLEAN
                || t == PropertyType.DATE;
    }

    String idOf(Map<String, Object> record) {
        Object id = record.get(model.idName());
        if (!(id instanceof String)) {
            throw new IllegalArgumentException(model.name() + " record has no string id: " + id);
        }
        return (String) id;
    }

    // ---- records --------------------------------------------------------------------------------------

    /** Binds every property of {@code record} from parameter {@code first} on, in declaration order. */
    int bindRecord(PreparedStatement ps, int first, Map<String, Object> record) throws SQLException {
        int i = first;
        for (Property p : properties) {
            bindValue(ps, i++, p, record.get(p.name()));
        }
        return i;
    }

    /** Binds an update's properties and then its id, in the order of {@link #update}. */
    void bindUpdate(PreparedStatement ps, Map<String, Object> record) throws SQLException {
        int i = 1;
        for (Property p : updatedProperties) {
            bindValue(ps, i++, p, record.get(p.name()));
        }
        ps.setString(i, idOf(record));
    }

    void bindValue(PreparedStatement ps, int index, Property p, Object value) throws SQLException {
        if (p.name().equals(model.idName())) {
            ps.setString(index, (String) value);
            return;
        }
        switch (p.type()) {
            case STRING:
            case DATE:
                if (value == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, (String) value);
                }
                break;
            case NUMBER:
                if (value == null) {
                    ps.setNull(index, Types.DOUBLE);
                } else {
                    ps.setDouble(index, ((Number) value).doubleValue());
                }
                break;
            case BOOLEAN:
                if (value == null) {
                    ps.setNull(index, Types.BOOLEAN);
                } else {
                    ps.setBoolean(index, (Boolean) value);
                }
                break;
            default:
                // SQL NULL for null, so an absent value never reads back as the JSON text "null"
                if (value == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, Json.write(value));
                }
        }
    }

    /** Reads a record from the current row, whose columns start at {@code first} in declaration order. */
    Map<String, Object> readRecord(ResultSet rs, int first) throws SQLException {
        Map<String, Object> record = new LinkedHashMap<>();
        int i = first;
        for (Property p : properties) {
            record.put(p.name(), readValue(rs, i++, p));
        }
        return record;
    }

    private Object readValue(ResultSet rs, int index, Property p) throws SQLException {
        if (p.name().equals(model.idName())) {
            return rs.getString(index);
        }
        switch (p.type()) {
            case STRING:
            case DATE:
                return rs.getString(index);
            case NUMBER: {
                double d = rs.getDouble(index);
                return rs.wasNull() ? null : (Object) d;
            }
            case BOOLEAN: {
                boolean b = rs.getBoolean(index);
                return rs.wasNull() ? null : (Object) b;
            }
            default: {
                String text = rs.getString(index);
                return text == null ? null : Json.parse(text, JSON_DEPTH);
            }
        }
    }

    // ---- changes --------------------------------------------------------------------------------------

    /** Binds a change in the order of {@link #CHANGE_COLUMNS}, for {@link #upsertChange} and {@link #insertChange}. */
    void bindChange(PreparedStatement ps, Change change) throws SQLException {
        ps.setString(1, change.modelId());
        bindChangeValues(ps, 2, change);
    }

    /** Binds a change for {@link #updateChange}: every column but the key, then the key. */
    void bindChangeUpdate(PreparedStatement ps, Change change) throws SQLException {
        int next = bindChangeValues(ps, 1, change);
        ps.setString(next, change.modelId());
    }

    /** Binds the columns after {@code model_id}, in the order of {@link #CHANGE_COLUMNS}; returns the next index. */
    private int bindChangeValues(PreparedStatement ps, int first, Change change) throws SQLException {
        if (change.checkpoint() == null) {
            // rows are ordered and paged by checkpoint; one without a place in that order cannot be stored
            throw new IllegalArgumentException("Change of " + model.name() + " " + Json.write(change.modelId())
                    + " has no checkpoint; stamp it with the transaction's current checkpoint before saving");
        }
        int i = first;
        ps.setString(i++, change.rev());
        ps.setString(i++, change.prev());
        // prev is three-valued: absent, null or a revision (PROTOCOL.md 9.3.2); prev_set tells absent from null
        ps.setBoolean(i++, change.hasPrev());
        ps.setLong(i++, change.checkpoint());
        ps.setBoolean(i++, change.isEcho());
        ps.setString(i++, change.modelName());
        ps.setString(i++, change.owner());
        return i;
    }

    /** Reads a change from the current row, whose columns start at 1 in the order of {@link #CHANGE_COLUMNS}. */
    Change readChange(ResultSet rs) throws SQLException {
        String modelId = rs.getString(1);
        String rev = rs.getString(2);
        String prev = rs.getString(3);
        boolean prevSet = rs.getBoolean(4);
        long checkpoint = rs.getLong(5);
        boolean echo = rs.getBoolean(6);
        String modelName = rs.getString(7);
        Change c = Change.of(modelName, modelId, rev, checkpoint).withEcho(echo).withOwner(rs.getString(8));
        return prevSet ? c.withPrev(prev) : c;
    }
}
