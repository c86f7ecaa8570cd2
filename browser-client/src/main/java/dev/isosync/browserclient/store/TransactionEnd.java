package dev.isosync.browserclient.store;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSObject;

/**
 * Records how an IndexedDB transaction ended (complete or abort) and lets the store's thread wait for it. It
 * listens from the moment the transaction is made, so an end that comes before anyone waits is not missed.
 */
final class TransactionEnd {
    private boolean ended;
    private String errorName;
    private String errorMessage;
    private AsyncCallback<Void> waiter;

    TransactionEnd(JSObject tx) {
        Idb.onEnd(tx, this::ended);
    }

    private void ended(String name, String message) {
        ended = true;
        errorName = name;
        errorMessage = message;
        AsyncCallback<Void> w = waiter;
        waiter = null;
        if (w != null) {
            w.complete(null);
        }
    }

    /** Waits until the transaction has ended, committed or not. */
    void await() {
        if (!ended) {
            waitFor(this);
        }
    }

    /** Whether the transaction committed; meaningful after {@link #await()}. */
    boolean committed() {
        return errorName == null;
    }

    /** Why it was aborted, as a storage error. */
    RuntimeException failure() {
        return StorageErrors.of(errorName, errorMessage == null ? "" : errorMessage);
    }

    @Async
    private static native Void waitFor(TransactionEnd end);

    private static void waitFor(TransactionEnd end, AsyncCallback<Void> callback) {
        end.waiter = callback;
    }
}
