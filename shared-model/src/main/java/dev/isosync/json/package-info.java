/**
 * JSON as JavaScript sees it: a strict parser and a {@code JSON.stringify}-like writer ({@link dev.isosync.json.Json}),
 * the canonical form LoopBack hashes revisions from ({@link dev.isosync.json.CanonicalJson}, PROTOCOL.md 1.2), and the
 * UTF-8 and SHA-1 code beneath it, written to give the same bytes on the JVM and under TeaVM.
 */
package dev.isosync.json;
