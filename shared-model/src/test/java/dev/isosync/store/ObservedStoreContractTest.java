package dev.isosync.store;

import dev.isosync.contract.StoreContract;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import java.util.List;

/** The store contract on an observed in-memory store: observing changes nothing a store does. */
class ObservedStoreContractTest extends StoreContract {
    @Override
    protected Store newStore(List<ModelDefinition> models) {
        ObservedStore store = new ObservedStore(new MemoryStore());
        store.listen((model, records) -> { });
        return store;
    }
}
