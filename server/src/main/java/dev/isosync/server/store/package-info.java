/**
 * The JDBC store: the store SPI over H2, PostgreSQL or MariaDB through a connection pool, with the
 * checkpoint counter and change rows in the database so several server processes can share it; and the admin
 * console's tables in the same database ({@link dev.isosync.server.store.JdbcAdminStore}).
 */
package dev.isosync.server.store;
