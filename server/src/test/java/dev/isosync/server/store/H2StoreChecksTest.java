package dev.isosync.server.store;

import dev.isosync.contract.Check;
import dev.isosync.contract.StoreChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The portable store checks on the JDBC store over H2, each in a database of its own: the same list the
 * browser runs on IndexedDB, so a case that fails there can be compared with the server's store.
 */
class H2StoreChecksTest {
    @TestFactory
    List<DynamicTest> storeChecks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Check check : StoreChecks.all()) {
            tests.add(DynamicTest.dynamicTest(check.name(), () -> check.run(models -> JdbcStore.open(
                    "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", models))));
        }
        return tests;
    }
}
