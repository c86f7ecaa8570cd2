/** The hostile-input corpus: thousands of generated invalid, awkward and oversized requests over every endpoint. */
package dev.isosync.server.hostile;
