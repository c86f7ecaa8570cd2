/** The sync loop that keeps the browser's store and the server in step, and the status it shows the page. */
package dev.isosync.browserclient.sync;
