/** LoopBack filters (where, order, limit, skip, fields), parsed and checked against a model. */
package dev.isosync.query;
