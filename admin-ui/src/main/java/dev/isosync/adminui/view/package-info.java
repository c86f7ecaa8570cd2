/** The console's tabs: overview, clients, conflicts and their history, records, and activity with the live feed. */
package dev.isosync.adminui.view;
