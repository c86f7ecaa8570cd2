/** The in-memory store. */
package dev.isosync.memory;
