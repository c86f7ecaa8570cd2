/** A store over a plain key-value storage such as localStorage, atomic through a journal. */
package dev.isosync.kv;
