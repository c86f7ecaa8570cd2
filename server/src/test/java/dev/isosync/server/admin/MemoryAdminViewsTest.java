package dev.isosync.server.admin;

import dev.isosync.server.ServerConfig;

/** The console's views with the server's store in memory. */
class MemoryAdminViewsTest extends AdminViewsTest {
    @Override
    ServerConfig config() {
        return new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(ServerConfig.MEMORY_DB);
    }
}
