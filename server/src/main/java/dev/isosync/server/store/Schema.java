package dev.isosync.server.store;

import static dev.isosync.server.store.SqlDialect.execute;

import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The store's tables: per model a record table and a change table (indexed by (checkpoint, model_id) for
 * keyset paging), one single-row checkpoint table shared by every model, and a key/value meta table.
 * Created when missing; a property declared since the table was made gets its column added.
 */
final class Schema {
    /** Longest metadata key; MariaDB indexes at most 3072 bytes, 768 characters of utf8mb4. */
    static final int META_KEY_LENGTH = 512;

    final SqlDialect dialect;
    final String prefix;
    final String checkpointTable;
    final String metaTable;

    Schema(SqlDialect dialect, String prefix) {
        this.dialect = dialect;
        this.prefix = prefix;
        this.checkpointTable = dialect.quote(prefix + "checkpoint");
        this.metaTable = dialect.quote(prefix + "meta");
    }

    /** Refuses names the database would truncate or that would share a table, naming the culprit. */
    void checkNames(List<ModelDefinition> models) {
        Set<String> seen = new HashSet<>();
        List<String> fixed = new ArrayList<>(Arrays.asList(prefix + "checkpoint", prefix + "meta"));
        // the admin console's tables live beside the store's, whether or not this store's server opens them
        fixed.addAll(AdminSchema.rawNames(prefix));
        fixed.addAll(UserSchema.rawNames(prefix));
        for (String name : fixed) {
            checkLength(name, "table");
            seen.add(name.toLowerCase(Locale.ROOT));
        }
        for (ModelDefinition m : models) {
            for (String name : ModelTable.rawNames(m, prefix)) {
                checkLength(name, "table of model " + m.name());
                // MariaDB on some systems and the eye on all of them treat names that differ in case as one
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("Model " + m.name() + " would use table \"" + name
                            + "\", which another model or the store itself already uses; rename the model");
                }
            }
            for (Property p : m.properties()) {
                checkLength(p.name(), "column of model " + m.name());
            }
        }
    }

    private void checkLength(String name, String what) {
        if (SqlDialect.utf8Length(name) > dialect.maxIdentifierBytes()) {
            throw new IllegalArgumentException("The " + what + " \"" + name + "\" is longer than the "
                    + dialect.maxIdentifierBytes() + " bytes " + dialect.name()
                    + " keeps; use a shorter name or table prefix");
        }
    }

    /** Creates what is missing, under a lock that other processes creating the same schema wait for. */
    void create(Connection c, List<ModelTable> tables, String createdTime, String sourceId) throws SQLException {
        String lock = "isosync-schema-" + Integer.toHexString(prefix.hashCode());
        dialect.createSchema(c, lock, () -> {
            execute(c, "CREATE TABLE IF NOT EXISTS " + checkpointTable + " ("
                    + dialect.quote("id") + " INTEGER NOT NULL PRIMARY KEY, "
                    + dialect.quote("seq") + " " + dialect.bigintType() + " NOT NULL, "
                    + dialect.quote("time") + " " + dialect.keyType(24) + " NOT NULL, "
                    + dialect.quote("source_id") + " " + dialect.keyType(64) + " NOT NULL)" + dialect.tableOptions());
            execute(c, "CREATE TABLE IF NOT EXISTS " + metaTable + " ("
                    + dialect.quote("meta_key") + " " + dialect.keyType(META_KEY_LENGTH) + " NOT NULL PRIMARY KEY, "
                    + dialect.quote("meta_value") + " " + dialect.textType() + ")" + dialect.tableOptions());
            for (ModelTable t : tables) {
                createModel(c, t);
            }
            // seq starts at 1, as LoopBack's Checkpoint.current() does on an empty table (PROTOCOL.md 1.5)
            List<String> columns = Arrays.asList(dialect.quote("id"), dialect.quote("seq"), dialect.quote("time"),
                    dialect.quote("source_id"));
            try (var ps = c.prepareStatement(dialect.insertIfAbsent(checkpointTable, columns, dialect.quote("id")))) {
                ps.setInt(1, 1);
                ps.setLong(2, 1);
                ps.setString(3, createdTime);
                ps.setString(4, sourceId);
                ps.executeUpdate();
            }
        });
    }

    private void createModel(Connection c, ModelTable t) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(t.table).append(" (");
        for (Property p : t.properties) {
            ddl.append(t.column(p)).append(' ').append(t.sqlType(p));
            if (p.name().equals(t.model.idName())) {
                ddl.append(" NOT NULL PRIMARY KEY");
            }
            ddl.append(", ");
        }
        ddl.setLength(ddl.length() - 2);
        ddl.append(')').append(dialect.tableOptions());
        execute(c, ddl.toString());
        addMissingColumns(c, t);

        execute(c, "CREATE TABLE IF NOT EXISTS " + t.changeTable + " ("
                + dialect.quote("model_id") + " " + dialect.keyType(ModelTable.ID_LENGTH) + " NOT NULL PRIMARY KEY, "
                + dialect.quote("rev") + " " + dialect.textType() + ", "
                + dialect.quote("prev") + " " + dialect.textType() + ", "
                + dialect.quote("prev_set") + " " + dialect.booleanType() + " NOT NULL, "
                + dialect.quote("checkpoint") + " " + dialect.bigintType() + " NOT NULL, "
                + dialect.quote("echo") + " " + dialect.booleanType() + " NOT NULL, "
                + dialect.quote("model_name") + " " + dialect.textType() + ", "
                + dialect.quote("owner") + " " + dialect.keyType(ModelTable.ID_LENGTH) + ")" + dialect.tableOptions());
        // change tables made before owners existed get the column; their rows have no owner
        if (!columns(c, t.changeTable).contains("owner")) {
            execute(c, "ALTER TABLE " + t.changeTable + " ADD COLUMN " + dialect.quote("owner") + " "
                    + dialect.keyType(ModelTable.ID_LENGTH));
        }
        execute(c, "CREATE INDEX IF NOT EXISTS " + t.changeIndex + " ON " + t.changeTable + " ("
                + dialect.quote("checkpoint") + ", " + dialect.quote("model_id") + ")");
        if (t.model.ownerName() != null) {
            execute(c, "CREATE INDEX IF NOT EXISTS " + t.ownerIndex + " ON " + t.changeTable + " ("
                    + dialect.quote("owner") + ", " + dialect.quote("checkpoint") + ", " + dialect.quote("model_id")
                    + ")");
        }
    }

    /** A property declared after the table was created gets a column; its existing rows read {@code null}. */
    private void addMissingColumns(Connection c, ModelTable t) throws SQLException {
        Set<String> existing = columns(c, t.table);
        for (Property p : t.properties) {
            if (!existing.contains(p.name())) {
                execute(c, "ALTER TABLE " + t.table + " ADD COLUMN " + t.column(p) + " " + t.sqlType(p));
            }
        }
    }

    /** The names of a table's columns. */
    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                existing.add(md.getColumnName(i));
            }
        }
        return existing;
    }

    /** Drops every table of the store (tests clean up with it). */
    void drop(Connection c, List<ModelTable> tables) throws SQLException {
        List<String> names = new ArrayList<>();
        for (ModelTable t : tables) {
            names.add(t.changeTable);
            names.add(t.table);
        }
        names.add(metaTable);
        names.add(checkpointTable);
        SqlDialect.dropTables(c, names);
    }

    /** The checkpoint row's {@code time} and {@code source_id}, set once when the row was created. */
    Map<String, String> identity(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + dialect.quote("time") + ", "
                + dialect.quote("source_id") + " FROM " + checkpointTable + " WHERE " + dialect.quote("id") + " = 1")) {
            if (!rs.next()) {
                throw new SQLException("The checkpoint table " + checkpointTable + " has no row 1", "55000");
            }
            return Map.of("time", rs.getString(1), "source_id", rs.getString(2));
        } finally {
            c.commit();
        }
    }
}
