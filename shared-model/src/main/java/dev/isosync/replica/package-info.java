/** The replica operations of the protocol, written once over any store, and the interface remote replicas share. */
package dev.isosync.replica;
