/**
 * The browser's local stores: {@link dev.isosync.browserclient.store.IndexedDbStore} (the default) and the
 * localStorage store, each implementing the store SPI with records and change rows in one transaction.
 */
package dev.isosync.browserclient.store;
