package dev.isosync.server.store;

import java.nio.file.Path;

/** The JDBC store on an H2 file database under {@code target/}, as the server runs by default. */
class H2FileJdbcStoreTest extends JdbcStoreTestBase {
    private static final String URL = "jdbc:h2:file:"
            + Path.of("target", "h2-jdbc-store-test", "db").toAbsolutePath();

    @Override
    String url() {
        return URL;
    }

    @Override
    boolean queuesWritesBehindWaitingBump() {
        return false;
    }

    @Override
    boolean ordersTextByCodeUnit() {
        return true;
    }
}
