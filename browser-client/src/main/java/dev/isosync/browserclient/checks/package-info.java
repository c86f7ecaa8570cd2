/**
 * The store checks page: runs {@link dev.isosync.contract.StoreChecks} against the browser's stores in a real
 * browser. It is compiled to its own script under {@code /checks}, outside the app's bundle and outside the
 * files the server serves; the end-to-end tests serve and drive it.
 */
package dev.isosync.browserclient.checks;
