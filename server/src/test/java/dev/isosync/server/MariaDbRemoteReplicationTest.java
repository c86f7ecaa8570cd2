package dev.isosync.server;

/** The remote replication scenarios with the server on MariaDB. */
class MariaDbRemoteReplicationTest extends RemoteReplicationTest {
    @Override
    ServerConfig config() {
        return TestDatabases.server(TestDatabases.MARIADB);
    }
}
