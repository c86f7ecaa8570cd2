package dev.isosync.server.store;

/**
 * The JDBC store on the PostgreSQL at 127.0.0.1:5432, database {@code test} (trust authentication); the
 * system property {@code isosync.test.postgres} names another URL. Fails when the database is unreachable.
 */
class PostgresJdbcStoreTest extends JdbcStoreTestBase {
    static final String URL = System.getProperty("isosync.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @Override
    String url() {
        return URL;
    }
}
