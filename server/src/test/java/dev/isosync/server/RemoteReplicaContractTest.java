package dev.isosync.server;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.contract.ReplicaContract;
import dev.isosync.demo.Todo;
import dev.isosync.replica.LocalReplica;
import dev.isosync.wire.RemoteReplica;

/** The replica contract on the remote replica, over real HTTP to a server on H2. */
class RemoteReplicaContractTest extends ReplicaContract {
    private SyncServer server;

    @Override
    protected void open() {
        server = SyncServer.start(TestDatabases.h2Server());
        backing = new LocalReplica(server.store(), Todo.DEFINITION);
        replica = new RemoteReplica(new JdkHttpTransport("http://127.0.0.1:" + server.port()), Todo.DEFINITION);
    }

    @Override
    protected void close() {
        server.close();
    }
}
