package dev.isosync.server.store;

import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema: table names (with an optional prefix) and their creation. */
final class Tables {
    private final SqlDialect dialect;
    private final String prefix;
    private final Map<String, ModelDefinition> models = new LinkedHashMap<>();

    Tables(SqlDialect dialect, String prefix, List<ModelDefinition> models) {
        this.dialect = dialect;
        this.prefix = prefix;
        for (ModelDefinition m : models) {
            this.models.put(m.name(), m);
        }
    }

    String checkpoint() {
        return dialect.quote(prefix + "checkpoint");
    }

    String meta() {
        return dialect.quote(prefix + "meta");
    }

    String records(ModelDefinition model) {
        return dialect.quote(prefix + model.name().toLowerCase(java.util.Locale.ROOT));
    }

    String changes(ModelDefinition model) {
        return dialect.quote(prefix + model.name().toLowerCase(java.util.Locale.ROOT) + "_change");
    }

    String column(Property p) {
        return dialect.quote(p.name());
    }

    List<String> all() {
        List<String> out = new ArrayList<>();
        for (ModelDefinition m : models.values()) {
            out.add(records(m));
            out.add(changes(m));
        }
        out.add(meta());
        out.add(checkpoint());
        return out;
    }

    /** Creates what is missing; returns the store's source id and creation time. */
    String[] createSchema(javax.sql.DataSource pool) {
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                String opts = dialect.tableOptions();
                s.executeUpdate("CREATE TABLE IF NOT EXISTS " + checkpoint() + " (id INT PRIMARY KEY, seq BIGINT NOT NULL, "
                        + "time VARCHAR(24) NOT NULL, source_id VARCHAR(64) NOT NULL)" + opts);
                s.executeUpdate("CREATE TABLE IF NOT EXISTS " + meta() + " (k " + dialect.keyType() + " PRIMARY KEY, v "
                        + dialect.columnType(dev.isosync.model.PropertyType.STRING) + ")" + opts);
                for (ModelDefinition m : models.values()) {
                    StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + records(m) + " (");
                    for (Property p : m.properties()) {
                        boolean id = p.name().equals(m.idName());
                        ddl.append(column(p)).append(' ').append(id ? dialect.keyType() : dialect.columnType(p.type()));
                        ddl.append(id ? " PRIMARY KEY, " : ", ");
                    }
                    ddl.setLength(ddl.length() - 2);
                    s.executeUpdate(ddl.append(")").append(opts).toString());
                    s.executeUpdate("CREATE TABLE IF NOT EXISTS " + changes(m) + " (model_id " + dialect.keyType()
                            + " PRIMARY KEY, rev VARCHAR(64), prev "
                            + dialect.columnType(dev.isosync.model.PropertyType.STRING) + ", prev_set BOOLEAN NOT NULL, "
                            + "checkpoint BIGINT NOT NULL, echo BOOLEAN NOT NULL, model_name VARCHAR(255) NOT NULL)" + opts);
                    String index = dialect.quote(prefix + m.name().toLowerCase(java.util.Locale.ROOT) + "_change_cp");
                    // changes(since) pages by (checkpoint, model_id)
                    s.executeUpdate("CREATE INDEX IF NOT EXISTS " + index + " ON " + changes(m) + " (checkpoint, model_id)");
                }
            }
            c.commit();
            try {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + checkpoint()
                        + " (id, seq, time, source_id) VALUES (1, 1, ?, ?)")) {
                    if (!exists(c)) {
                        insert.setString(1, JdbcStore.now());
                        insert.setString(2, JdbcStore.newSourceId());
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback(); // another process created the row first
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT source_id, time FROM " + checkpoint() + " WHERE id = 1")) {
                r.next();
                String[] identity = {r.getString(1), r.getString(2)};
                c.commit();
                return identity;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the schema: " + e.getMessage(), e);
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + checkpoint() + " WHERE id = 1")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }
}
