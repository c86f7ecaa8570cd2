/** The HTTP API: LoopBack's model and replication endpoints, errors, and the change stream. */
package dev.isosync.server.http;
