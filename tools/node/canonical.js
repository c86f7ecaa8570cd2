#!/usr/bin/env node
// Reference for CanonicalJsonDifferentialTest (PROTOCOL.md 1.2 and 9.2): reads a file holding one JSON value per
// line and prints, for each line, the JSON array [sha1, canonical] where canonical is what canonical-json 0.0.4
// (the module LoopBack 3 hashes revisions with) writes for the value and sha1 is the lowercase hex SHA-1 of its
// UTF-8 bytes, computed as LoopBack's Change.hash does.
//
// Usage: node tools/node/canonical.js <file>     (run `npm ci` in tools/node first)
'use strict';

const fs = require('fs');
const crypto = require('crypto');

const EXPECTED_VERSION = '0.0.4';

function fail(message) {
  process.stderr.write(message + '\n');
  process.exit(2);
}

let canonicalJson;
try {
  canonicalJson = require('canonical-json');
} catch (e) {
  fail('canonical-json is not installed: run `npm ci` in ' + __dirname + ' (' + e.message + ')');
}
const version = require('canonical-json/package.json').version;
if (version !== EXPECTED_VERSION) {
  fail('canonical-json ' + version + ' is installed, the revisions need ' + EXPECTED_VERSION
      + ': run `npm ci` in ' + __dirname);
}

const file = process.argv[2];
if (!file) {
  fail('usage: node canonical.js <file with one JSON value per line>');
}

// Split on '\n' only: JSON text never holds a raw line feed, but it may hold U+2028, which some line readers split on.
const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines[lines.length - 1] === '') {
  lines.pop();
}
const out = [];
lines.forEach((line, index) => {
  let value;
  try {
    value = JSON.parse(line);
  } catch (e) {
    fail('line ' + (index + 1) + ' is not JSON: ' + e.message);
  }
  const canonical = canonicalJson(value);
  // update(string) encodes as UTF-8, lone surrogates as U+FFFD, exactly as LoopBack hashes.
  const sha1 = crypto.createHash('sha1').update(canonical).digest('hex');
  // JSON.stringify escapes lone surrogates (Node 12+), so the output stays valid UTF-8.
  out.push(JSON.stringify([sha1, canonical]));
});
process.stdout.write(out.length === 0 ? '' : out.join('\n') + '\n');
