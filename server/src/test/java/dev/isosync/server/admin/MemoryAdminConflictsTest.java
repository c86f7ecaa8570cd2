package dev.isosync.server.admin;

import dev.isosync.server.ServerConfig;

/** The conflict inbox with the server's store in memory. */
class MemoryAdminConflictsTest extends AdminConflictsTest {
    @Override
    ServerConfig config() {
        return new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(ServerConfig.MEMORY_DB);
    }
}
