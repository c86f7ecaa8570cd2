/** The JVM side of a client: the HTTP transport under the shared remote replica. */
package dev.isosync.client;
