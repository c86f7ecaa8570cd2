package dev.isosync.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one transaction, each prepared once and run as often as the transaction needs: a
 * bulk-update runs the same few statements for every record, and preparing is what costs (H2 parses and plans
 * each preparation; PostgreSQL's driver switches a statement it has run a few times to a server-side plan). Only
 * statements whose text does not depend on values belong here (by-id reads and writes, id lists of fixed
 * sizes); a filter's one-off query is prepared and closed on the spot.
 */
final class PreparedStatements {
    private final Connection connection;
    private final SqlDialect dialect;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();

    PreparedStatements(Connection connection, SqlDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The statement for {@code sql}, prepared on first use; the caller sets every parameter and never closes it. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = bySql.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            bySql.put(sql, ps);
        }
        return ps;
    }

    /** {@link #get} for a lookup by a list of ids, which the dialect may ask to plan for its values each time. */
    PreparedStatement idLookup(String sql) throws SQLException {
        PreparedStatement ps = bySql.get(sql);
        if (ps == null) {
            ps = dialect.prepareIdLookup(connection, sql);
            bySql.put(sql, ps);
        }
        return ps;
    }

    /** Closes every statement; the transaction is over, whatever its outcome. */
    void closeAll() {
        for (PreparedStatement ps : bySql.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // the connection goes back to the pool, which closes what is left; the outcome is already decided
            }
        }
        bySql.clear();
    }
}
