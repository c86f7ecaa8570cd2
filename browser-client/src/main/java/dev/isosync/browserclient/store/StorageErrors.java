package dev.isosync.browserclient.store;

import dev.isosync.error.SyncException;

/** Turns the DOMExceptions of browser storage into the project's errors, with a message that says what to do. */
final class StorageErrors {
    private StorageErrors() {
    }

    /** The exception for a DOMException of that name and message; a full disk is {@code STORAGE_FULL} (507). */
    static SyncException of(String name, String message) {
        if ("QuotaExceededError".equals(name)) {
            return storageFull(message);
        }
        return new SyncException(500, "Error", "STORAGE_ERROR",
                "IndexedDB failed with " + name + ": " + message, null);
    }

    /** 507 Insufficient Storage: the browser refused to store more for this site; nothing was written. */
    static SyncException storageFull(String detail) {
        return new SyncException(507, "Error", "STORAGE_FULL", "The browser's storage for this site is full (" + detail
                + "); nothing was written. Free space or delete local data, then retry.", null);
    }
}
