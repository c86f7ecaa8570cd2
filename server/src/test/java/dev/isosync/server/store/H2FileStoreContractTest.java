package dev.isosync.server.store;

import dev.isosync.contract.StoreContract;
import dev.isosync.model.ModelDefinition;
import dev.isosync.server.TestDatabases;
import dev.isosync.store.Store;
import java.nio.file.Path;
import java.util.List;

/** The store contract on the JDBC store over an H2 file database (the server's default), in tables of its own. */
class H2FileStoreContractTest extends StoreContract {
    private static final String URL = "jdbc:h2:file:" + Path.of("target", "h2-store-contract", "db").toAbsolutePath();

    @Override
    protected Store newStore(List<ModelDefinition> models) {
        return JdbcStore.open(URL, models, TestDatabases.prefix());
    }

    @Override
    protected void dispose(Store s) {
        ((JdbcStore) s).dropAll();
        s.close();
    }
}
