/** The admin console's entry point: its tabs, their refreshing, and the live feed's start. */
package dev.isosync.adminui;
