/**
 * The store contract as plain named checks ({@link dev.isosync.contract.StoreChecks}) that compile on the JVM
 * and under TeaVM, so one list of cases runs against every store: as JUnit dynamic tests on the JVM and on a
 * test page in Chromium (DESIGN.md "Tests"). The fixture model {@link dev.isosync.contract.Note} lives here too.
 */
package dev.isosync.contract;
