package dev.isosync.kv;

import java.util.List;

/**
 * A string key-value storage such as the browser's localStorage: single-key writes, no transactions.
 * {@link KeyValueStore} builds an atomic store on top of it.
 */
public interface KeyValues {
    /** The value of a key, or {@code null}. */
    String get(String key);

    /**
     * Stores a value.
     *
     * @throws RuntimeException when the storage is full; nothing is then changed for that key
     */
    void put(String key, String value);

    /** Removes a key, if present. */
    void remove(String key);

    /** Every key that starts with {@code prefix}. */
    List<String> keys(String prefix);

    /**
     * Runs {@code work} while no other user of the same storage (another tab) runs one: commits of several
     * tabs must not interleave. The default suits a storage with one user.
     */
    default <T> T exclusively(java.util.function.Supplier<T> work) {
        return work.get();
    }
}
