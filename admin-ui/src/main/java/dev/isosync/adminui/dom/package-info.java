/** Small helpers to build the console's DOM as text, never as HTML. */
package dev.isosync.adminui.dom;
