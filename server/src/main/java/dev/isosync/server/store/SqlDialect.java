package dev.isosync.server.store;

import dev.isosync.model.PropertyType;

/**
 * What differs between the supported databases: quoting, column types, the shared row lock, and binary
 * ordering of text (so that ids compare byte for byte, as in the other stores).
 */
enum SqlDialect {
    H2, POSTGRESQL, MARIADB;

    /** The dialect of a JDBC URL. */
    static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("Unsupported database URL " + jdbcUrl
                + ": use jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:");
    }

    /** Quotes an identifier (names come from model definitions, never from requests). */
    String quote(String name) {
        return this == MARIADB ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The type of an id or other key column: compared byte for byte. */
    String keyType() {
        switch (this) {
            case POSTGRESQL:
                return "VARCHAR(255) COLLATE \"C\"";
            case MARIADB:
                return "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
            default:
                return "VARCHAR(255)";
        }
    }

    /** The type of a free text column. */
    String textType() {
        switch (this) {
            case POSTGRESQL:
                return "TEXT COLLATE \"C\"";
            case MARIADB:
                return "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
            default:
                return "CLOB";
        }
    }

    /** The column type of a property. */
    String columnType(PropertyType type) {
        switch (type) {
            case NUMBER:
                return "DOUBLE PRECISION";
            case BOOLEAN:
                return "BOOLEAN";
            case DATE:
                return this == MARIADB ? "VARCHAR(24) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"
                        : this == POSTGRESQL ? "VARCHAR(24) COLLATE \"C\"" : "VARCHAR(24)";
            case STRING:
                // H2 cannot order or compare CLOBs; its VARCHAR holds up to 1,000,000 characters
                return this == H2 ? "VARCHAR(1000000)" : textType();
            default:
                return textType();
        }
    }

    /** Table options appended to CREATE TABLE. */
    String tableOptions() {
        return this == MARIADB ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin" : "";
    }

    /** The clause that takes a shared lock on selected rows until the transaction ends. */
    String shareLock() {
        switch (this) {
            case POSTGRESQL:
                return " FOR SHARE";
            case MARIADB:
                return " LOCK IN SHARE MODE";
            default:
                return " FOR UPDATE"; // H2 has no shared row lock; an embedded database can afford this
        }
    }
}
