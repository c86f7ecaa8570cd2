package dev.isosync.replication;

import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.Replica;

/**
 * A page of the source read once, when {@link #read} is called or else when it is asked for: a push reads its next
 * page while the page before it travels to the target. A read that fails fails when the page is asked for, not
 * before, so that the page before it is answered and recorded first.
 */
final class ReadAhead implements Replica.NextPage {
    private final Replica.NextPage page;
    private ChangesPage read;
    private RuntimeException failure;

    ReadAhead(Replica.NextPage page) {
        this.page = page;
    }

    /** Reads the page now, unless it was read already; a failure is kept for {@link #get}. */
    void read() {
        if (read != null || failure != null) {
            return;
        }
        try {
            read = page.get();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public ChangesPage get() {
        read();
        if (failure != null) {
            throw failure;
        }
        return read;
    }
}
