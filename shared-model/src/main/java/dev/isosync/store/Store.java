package dev.isosync.store;

import dev.isosync.change.Checkpoint;

/**
 * The storage primitives a replica needs (DESIGN.md, layer 3). Implementations stay thin: memory, JDBC,
 * IndexedDB, localStorage. The protocol itself lives once, above this interface, in
 * {@link dev.isosync.replica.LocalReplica}.
 *
 * <p>Every write of a record happens in a {@link #write} transaction together with its change row, stamped
 * with the checkpoint read in that transaction; a {@link #bumpCheckpoint()} waits for writes in flight, so no
 * write can be stamped with a checkpoint that a reader already considers sealed (PROTOCOL.md 9.3.3).
 */
public interface Store {
    /** This store's random identity, created with the store and never changed (PROTOCOL.md 9.3.5). */
    String sourceId();

    /** Runs {@code work} in a read-only transaction and returns its result. */
    <T> T read(Work<T> work);

    /** Runs {@code work} in one write transaction: all of its writes commit together or not at all. */
    <T> T write(Work<T> work);

    /**
     * Runs {@code work} in one write transaction that excludes every other write and ends by bumping the
     * checkpoint: a replicated batch and its bump are one step (PROTOCOL.md 9.4.1).
     */
    <T> T writeBatch(Work<T> work);

    /** Atomically moves the checkpoint to the next value and returns it; never returns one value twice. */
    Checkpoint bumpCheckpoint();

    /** Releases what the store holds (connections, files). */
    void close();

    /** A unit of work inside a transaction. */
    interface Work<T> {
        T run(StoreTransaction tx);
    }
}
