package dev.isosync.server;

import java.util.UUID;

/**
 * Server configurations for tests: a fresh database each time (H2 in memory, or its own randomly prefixed
 * tables in the PostgreSQL and MariaDB of this machine), on a free port, on loopback only. A database that
 * is not running makes the test fail.
 */
public final class TestDatabases {
    public static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    public static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private TestDatabases() {
    }

    /** A server on a fresh in-memory H2 database. */
    public static ServerConfig h2Server() {
        return new ServerConfig().host("127.0.0.1").port(0)
                .jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** A server on its own tables in the test database at {@code jdbcUrl}. */
    public static ServerConfig server(String jdbcUrl) {
        return new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(jdbcUrl).tablePrefix(prefix());
    }

    /** A random table prefix. */
    public static String prefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    }
}
