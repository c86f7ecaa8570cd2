package dev.isosync.server.admin;

import dev.isosync.server.TestDatabases;

/** The admin store on the PostgreSQL of this machine. */
class PostgresAdminStoreTest extends JdbcAdminStoreContract {
    @Override
    String url() {
        return TestDatabases.POSTGRESQL;
    }
}
