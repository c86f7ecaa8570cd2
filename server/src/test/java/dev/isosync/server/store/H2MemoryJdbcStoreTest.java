package dev.isosync.server.store;

import java.util.UUID;

/** The JDBC store on an in-memory H2 database. */
class H2MemoryJdbcStoreTest extends JdbcStoreTestBase {
    private static final String URL = "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

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
