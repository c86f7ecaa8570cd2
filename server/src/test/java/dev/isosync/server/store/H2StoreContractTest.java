package dev.isosync.server.store;

import dev.isosync.contract.StoreContract;
import dev.isosync.model.ModelDefinition;
import dev.isosync.server.TestDatabases;
import dev.isosync.store.Store;
import java.util.List;

/** The store contract on the JDBC store over H2, in tables of its own that are dropped afterwards. */
class H2StoreContractTest extends StoreContract {
    @Override
    protected Store newStore(List<ModelDefinition> models) {
        return JdbcStore.open("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", models, TestDatabases.prefix());
    }

    @Override
    protected void dispose(Store s) {
        ((JdbcStore) s).dropAll();
        s.close();
    }
}
