package dev.isosync.browserclient.checks;

import dev.isosync.contract.StoreChecks;

/** A browser store the checks page runs the store checks against: a name for the report and a factory. */
final class StoreUnderTest {
    private final String name;
    private final StoreChecks.StoreFactory factory;

    StoreUnderTest(String name, StoreChecks.StoreFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    String name() {
        return name;
    }

    StoreChecks.StoreFactory factory() {
        return factory;
    }
}
