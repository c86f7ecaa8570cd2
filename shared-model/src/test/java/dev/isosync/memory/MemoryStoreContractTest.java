package dev.isosync.memory;

import dev.isosync.contract.StoreContract;
import dev.isosync.model.ModelDefinition;
import dev.isosync.store.Store;
import java.util.List;

/** The store contract on the in-memory store. */
class MemoryStoreContractTest extends StoreContract {
    @Override
    protected Store newStore(List<ModelDefinition> models) {
        return new MemoryStore();
    }
}
