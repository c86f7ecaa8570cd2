package dev.isosync.server.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The Todo model's record, change and checkpoint tables read straight through JDBC, as one string: equal
 * snapshots before and after a refused request show that it wrote nothing.
 */
final class TableSnapshot implements AutoCloseable {
    private final Connection connection;
    private final List<String> tables;
    /** MariaDB quotes names with backticks; H2 and PostgreSQL with double quotes. */
    private final String quote;

    TableSnapshot(String jdbcUrl, String prefix) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
        this.quote = jdbcUrl.startsWith("jdbc:mariadb:") ? "`" : "\"";
        this.tables = List.of(prefix + "Todo", prefix + "Todo_change", prefix + "checkpoint");
    }

    /** Every row of the three tables, in a stable order. */
    String take() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement st = connection.createStatement()) {
            for (String table : tables) {
                out.append(table).append(":\n");
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + quote + table + quote + " ORDER BY 1, 2")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
