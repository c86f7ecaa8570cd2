package dev.isosync.server.store;

/**
 * The JDBC store on the MariaDB at 127.0.0.1:3306, database {@code test}, user root without a password; the
 * system property {@code isosync.test.mariadb} names another URL. Fails when the database is unreachable.
 */
class MariaDbJdbcStoreTest extends JdbcStoreTestBase {
    static final String URL = System.getProperty("isosync.test.mariadb",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    @Override
    String url() {
        return URL;
    }
}
