package dev.isosync.server.hostile;

import dev.isosync.server.ServerConfig;
import dev.isosync.server.TestDatabases;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;

/** A smaller run of the hostile-input corpus on PostgreSQL, whose SQL and errors differ from H2's. */
@PropertyDefaults(tries = PostgresHostileInputTest.TRIES)
class PostgresHostileInputTest extends HostileInputCorpus {
    static final int TRIES = 60;

    @Override
    ServerConfig database() {
        return TestDatabases.server(TestDatabases.POSTGRESQL);
    }

    @AfterContainer
    static void report() {
        finish(PostgresHostileInputTest.class, 700);
    }
}
