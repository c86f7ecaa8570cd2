/**
 * The HTTP API: LoopBack's model and replication endpoints, errors, the change stream, and the events each
 * request reports ({@link dev.isosync.server.http.SyncEvents}) for the admin console.
 */
package dev.isosync.server.http;
