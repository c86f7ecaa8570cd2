/** The error catalog: exceptions that carry LoopBack's error envelope, and validation errors. */
package dev.isosync.error;
