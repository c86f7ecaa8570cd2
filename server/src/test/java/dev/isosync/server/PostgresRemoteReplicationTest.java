package dev.isosync.server;

/** The remote replication scenarios with the server on PostgreSQL. */
class PostgresRemoteReplicationTest extends RemoteReplicationTest {
    @Override
    ServerConfig config() {
        return TestDatabases.server(TestDatabases.POSTGRESQL);
    }
}
