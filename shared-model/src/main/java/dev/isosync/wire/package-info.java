/** LoopBack's wire format, and the remote replica that speaks it over any HTTP transport. */
package dev.isosync.wire;
