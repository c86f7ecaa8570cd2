/** The server: configuration, command line, and the running Javalin app. */
package dev.isosync.server;
