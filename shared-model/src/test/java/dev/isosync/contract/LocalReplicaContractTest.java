package dev.isosync.contract;

import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.replica.LocalReplica;

/** The replica contract on a local replica over the memory store. */
class LocalReplicaContractTest extends ReplicaContract {
    @Override
    protected void open() {
        backing = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        replica = backing;
    }
}
