package dev.isosync.bench;

import java.util.Locale;
import java.util.UUID;

/** The databases a workload can run on: an in-memory H2, and this machine's PostgreSQL and MariaDB. */
final class Databases {
    private Databases() {
    }

    /** The JDBC URL of a database named on the command line. */
    static String url(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "h2":
                return "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            case "postgresql":
                return "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
            case "mariadb":
                return "jdbc:mariadb://127.0.0.1:3306/test?user=root";
            default:
                throw new IllegalArgumentException("unknown database \"" + name
                        + "\": use h2, postgresql or mariadb");
        }
    }

    static String label(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "h2":
                return "H2";
            case "postgresql":
                return "PostgreSQL";
            case "mariadb":
                return "MariaDB";
            default:
                throw new IllegalArgumentException("unknown database \"" + name + "\"");
        }
    }
}
