package dev.isosync.server.hostile;

import dev.isosync.server.ServerConfig;
import dev.isosync.server.TestDatabases;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;

/** The full hostile-input corpus on H2: {@value #TRIES} requests per category, printed as a table at the end. */
@PropertyDefaults(tries = H2HostileInputTest.TRIES)
class H2HostileInputTest extends HostileInputCorpus {
    static final int TRIES = 400;

    @Override
    ServerConfig database() {
        return TestDatabases.h2Server();
    }

    @AfterContainer
    static void report() {
        finish(H2HostileInputTest.class, 4500);
    }
}
