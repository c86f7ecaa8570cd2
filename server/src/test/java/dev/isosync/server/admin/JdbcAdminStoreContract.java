package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.store.JdbcAdminStore;
import dev.isosync.server.store.JdbcStore;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The admin store contract on the tables of a database, with the case only a database has: the records
 * outlive the process that wrote them.
 */
abstract class JdbcAdminStoreContract extends AdminStoreContract {
    private JdbcStore jdbc;
    private String prefix;

    /** The database, with user and password in the URL. */
    abstract String url();

    @Override
    AdminStore open() {
        prefix = TestDatabases.prefix();
        jdbc = JdbcStore.open(url(), Collections.singletonList(Todo.DEFINITION), prefix);
        return JdbcAdminStore.open(jdbc);
    }

    @Override
    void cleanUp() {
        ((JdbcAdminStore) store).dropAll();
        jdbc.dropAll();
        jdbc.close();
    }

    @Test
    void recordsOutliveTheStoreThatWroteThem() {
        store.recordRequest(new RequestRecord(new ClientIdentity("device-a", ClientIdentity.Kind.CLIENT_ID), T0)
                .sync("Todo").pulled(3));
        long id = store.recordConflicts(Collections.singletonList(report("Todo", "t1",
                new ClientIdentity("device-b", ClientIdentity.Kind.CLIENT_ID), T0))).get(0).id();
        store.resolve(id, Keep.SERVER, null, null, T0);
        // another process on the same database: it opens the existing tables and carries on numbering
        JdbcStore other = JdbcStore.open(url(), Collections.singletonList(Todo.DEFINITION), prefix);
        try {
            AdminStore again = JdbcAdminStore.open(other);
            assertEquals(3L, again.clients().get(0).lastPulledCheckpoint());
            assertEquals(Keep.SERVER, again.conflict(id).resolution().keep());
            long next = again.recordConflicts(Collections.singletonList(report("Todo", "t2",
                    new ClientIdentity("device-b", ClientIdentity.Kind.CLIENT_ID), T0))).get(0).id();
            assertTrue(next > id);
            assertEquals(2, again.resolve(next, Keep.SERVER, null, null, T0).resolution().seq());
            assertEquals(2, store.conflicts(true, null, 10).size(), "both see the same tables");
        } finally {
            other.close();
        }
    }
}
