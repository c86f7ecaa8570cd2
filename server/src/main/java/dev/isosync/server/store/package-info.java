/**
 * The JDBC store: the store SPI over H2, PostgreSQL or MariaDB through a connection pool, with the
 * checkpoint counter and change rows in the database so several server processes can share it.
 */
package dev.isosync.server.store;
