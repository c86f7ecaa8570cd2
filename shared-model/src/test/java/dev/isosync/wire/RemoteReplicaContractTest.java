package dev.isosync.wire;

import dev.isosync.contract.StoreContract;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.Replica;
import dev.isosync.store.Store;
import java.util.Arrays;
import java.util.List;

/**
 * The store contract with the protocol operations made by {@link RemoteReplica}, through LoopBack's wire
 * format to an in-process server over a memory store: what crosses the wire (prev absent or null, tombstones,
 * filters, 404s, 409s, error envelopes) must keep every rule.
 */
class RemoteReplicaContractTest extends StoreContract {
    @Override
    protected Store newStore(List<ModelDefinition> models) {
        return new MemoryStore();
    }

    @Override
    protected Replica replicaOf(Store s, ModelDefinition model) {
        return new RemoteReplica(new InProcessServer(s, Arrays.asList(TODO, NOTE)), model);
    }
}
