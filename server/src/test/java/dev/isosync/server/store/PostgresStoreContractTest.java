package dev.isosync.server.store;

import dev.isosync.contract.StoreContract;
import dev.isosync.model.ModelDefinition;
import dev.isosync.server.TestDatabases;
import dev.isosync.store.Store;
import java.util.List;

/** The store contract on the JDBC store over Postgres, in tables of its own that are dropped afterwards. */
class PostgresStoreContractTest extends StoreContract {
    @Override
    protected Store newStore(List<ModelDefinition> models) {
        return JdbcStore.open(TestDatabases.POSTGRESQL, models, TestDatabases.prefix());
    }

    @Override
    protected void dispose(Store s) {
        ((JdbcStore) s).dropAll();
        s.close();
    }
}
