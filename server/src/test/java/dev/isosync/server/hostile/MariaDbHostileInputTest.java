package dev.isosync.server.hostile;

import dev.isosync.server.ServerConfig;
import dev.isosync.server.TestDatabases;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A smaller run of the hostile-input corpus on MariaDB, whose SQL, collation and errors differ from H2's and
 * PostgreSQL's.
 */
@PropertyDefaults(tries = MariaDbHostileInputTest.TRIES)
class MariaDbHostileInputTest extends HostileInputCorpus {
    static final int TRIES = 60;

    @Override
    ServerConfig database() {
        return TestDatabases.server(TestDatabases.MARIADB);
    }

    @AfterContainer
    static void report() {
        finish(MariaDbHostileInputTest.class, 700);
    }
}
