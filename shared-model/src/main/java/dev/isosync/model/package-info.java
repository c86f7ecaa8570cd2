/** Model definitions, records as property maps, validation, and the revision of a record. */
package dev.isosync.model;
