/** Plugins of the TeaVM compiler that shape the compiled client; they run at build time and are not in the bundle. */
package dev.isosync.browserclient.compile;
