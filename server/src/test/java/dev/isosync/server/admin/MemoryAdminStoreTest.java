package dev.isosync.server.admin;

/** The admin store contract on the in-memory store. */
class MemoryAdminStoreTest extends AdminStoreContract {
    @Override
    AdminStore open() {
        return new MemoryAdminStore();
    }

    @Override
    void cleanUp() {
    }
}
