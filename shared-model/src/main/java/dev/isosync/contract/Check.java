package dev.isosync.contract;

/**
 * One named case of the store contract. It fails by throwing, usually an {@link AssertionError} from
 * {@link Expect}; it runs against a fresh, empty store.
 */
public final class Check {
    private final String name;
    private final Body body;

    Check(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    /** A stable name, such as {@code keysetPagingCoversEveryRowExactlyOnce}; never null. */
    public String name() {
        return name;
    }

    /** Runs the case on a fresh store made by {@code stores}, closing every store it opened. */
    public void run(StoreChecks.StoreFactory stores) {
        StoreChecks checks = new StoreChecks(stores);
        try {
            body.run(checks);
        } finally {
            checks.closeAll();
        }
    }

    /** The steps of a case, given the checks object holding its store and replicas. */
    interface Body {
        void run(StoreChecks c);
    }
}
