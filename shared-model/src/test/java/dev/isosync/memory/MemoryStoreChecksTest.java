package dev.isosync.memory;

import dev.isosync.contract.Check;
import dev.isosync.contract.StoreChecks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The portable store checks on the in-memory store: the same list the browser runs on IndexedDB. */
class MemoryStoreChecksTest {
    @TestFactory
    List<DynamicTest> storeChecks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Check check : StoreChecks.all()) {
            tests.add(DynamicTest.dynamicTest(check.name(), () -> check.run(models -> new MemoryStore())));
        }
        return tests;
    }
}
