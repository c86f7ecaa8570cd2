package dev.isosync.kv;

import dev.isosync.contract.StoreContract;
import dev.isosync.model.ModelDefinition;
import dev.isosync.store.Store;
import java.util.List;

/** The store contract on the key-value store (localStorage's logic) over an in-memory storage. */
class KeyValueStoreContractTest extends StoreContract {
    @Override
    protected Store newStore(List<ModelDefinition> models) {
        return KeyValueStore.open(new MapKeyValues(), "contract", models, "2026-01-01T00:00:00.000Z");
    }
}
