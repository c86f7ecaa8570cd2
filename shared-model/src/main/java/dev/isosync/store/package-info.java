/** The store SPI: the few primitives every storage offers, one transaction at a time. */
package dev.isosync.store;
