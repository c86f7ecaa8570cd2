package dev.isosync.server.admin;

import dev.isosync.server.TestDatabases;

/** The admin store on the MariaDB of this machine. */
class MariaDbAdminStoreTest extends JdbcAdminStoreContract {
    @Override
    String url() {
        return TestDatabases.MARIADB;
    }
}
