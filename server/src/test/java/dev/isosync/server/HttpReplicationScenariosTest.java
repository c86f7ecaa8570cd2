package dev.isosync.server;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.replication.ReplicationScenariosTest;
import dev.isosync.wire.RemoteReplica;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Every replication scenario with the clients reaching a real server over HTTP (memory ↔ server), its data
 * on H2; third-party writes go straight to the server's store.
 */
class HttpReplicationScenariosTest extends ReplicationScenariosTest {
    private final Map<LocalReplica, SyncServer> servers = new IdentityHashMap<>();

    @Override
    protected LocalReplica newServer() {
        SyncServer server = SyncServer.start(TestDatabases.h2Server());
        LocalReplica replica = new LocalReplica(server.store(), Todo.DEFINITION);
        servers.put(replica, server);
        return replica;
    }

    @Override
    protected Replica clientView(LocalReplica server) {
        int port = servers.get(server).port();
        return new RemoteReplica(new JdkHttpTransport("http://127.0.0.1:" + port), Todo.DEFINITION);
    }

    @AfterEach
    void stopServers() {
        for (SyncServer s : servers.values()) {
            s.close();
        }
    }
}
