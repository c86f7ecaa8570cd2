/** The replicator: push and pull between a local replica and another, conflicts and their resolution. */
package dev.isosync.replication;
