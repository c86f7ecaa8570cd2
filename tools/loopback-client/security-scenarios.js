#!/usr/bin/env node
// Access control as unmodified LoopBack 3 clients meet it (PROTOCOL.md 4.5 and 9.7), against a server started
// with the ACLs of PROTOCOL.md 4.5's matrix: $everyone DENY, $authenticated READ, alice REPLICATE (role
// "replicator"), peter WRITE (role "writer"); the JVM test LoopBackClientSecurityTest starts it.
//
//   node security-scenarios.js <baseUrl>
//
// Prints `PASS <name>` or `FAIL <name>: <message>` per scenario, then `N passed, M failed`, as scenarios.js
// does. The users emery, alice and peter are registered and logged in through /api/Users; each LoopBack client
// carries its token as LoopBack's REST tests do, `remotes.auth = {bearer: base64(token)}` (sent when the server
// challenges with WWW-Authenticate).
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const {LoopBackClient, resolveUsingSource} = require('./client');

const HTTP_TIMEOUT_MS = 15_000;
const USERS = ['emery', 'alice', 'peter'];

async function rest(baseUrl, method, path, body, token) {
  const headers = {accept: 'application/json'};
  if (token) headers.authorization = 'Bearer ' + Buffer.from(token).toString('base64');
  const init = {method, headers, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS)};
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(baseUrl + path, init);
  const text = await res.text();
  return {status: res.status, json: text === '' ? undefined : JSON.parse(text), text};
}

async function signUp(baseUrl, name) {
  const password = `${name}-password`;
  const created = await rest(baseUrl, 'POST', '/Users', {username: name, email: `${name}@example.com`, password});
  assert.equal(created.status, 200, `register ${name}: ${created.text}`);
  const login = await rest(baseUrl, 'POST', '/Users/login', {username: name, password});
  assert.equal(login.status, 200, `login ${name}: ${login.text}`);
  return login.json.id;
}

function client(baseUrl, name, tokens) {
  const token = tokens[name];
  return new LoopBackClient(baseUrl, name, token ? {bearer: Buffer.from(token).toString('base64')} : undefined);
}

async function refused(promise, what) {
  let error = null;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  assert.ok(error, `${what} must be refused`);
  assert.equal(error.statusCode, 401, `${what}: ${error.message}`);
  assert.equal(error.code, 'AUTHORIZATION_REQUIRED', `${what}: ${error.message}`);
}

const scenarios = [];
function scenario(name, run) {
  scenarios.push({name, run});
}

// ---- PROTOCOL.md 4.5's matrix, sent as LoopBack's REST clients send tokens ----

scenario('rest-matrix', async (baseUrl, tokens) => {
  const id = crypto.randomUUID();
  assert.equal((await rest(baseUrl, 'POST', '/Todos', {id, title: 'matrix'}, tokens.peter)).status, 200);
  const rows = [
    ['GET', '/Todos/changes?since=-1', undefined, [401, 200, 200, 200]],
    ['GET', '/Todos/checkpoint', undefined, [401, 200, 200, 200]],
    ['POST', '/Todos/checkpoint', undefined, [401, 401, 200, 200]],
    ['POST', '/Todos/diff', [], [401, 200, 200, 200]],
    ['POST', '/Todos/create-updates', [], [401, 200, 200, 200]],
    ['POST', '/Todos/bulk-update', {updates: []}, [401, 401, 401, 204]],
    ['GET', `/Todos/${id}/changes/last`, undefined, [401, 200, 200, 200]],
    ['PUT', `/Todos/${id}/changes/last`, {}, [401, 401, 401, 200]],
  ];
  const callers = ['anonymous', ...USERS];
  for (const [method, path, body, expected] of rows) {
    for (let i = 0; i < callers.length; i++) {
      const res = await rest(baseUrl, method, path, body, tokens[callers[i]]);
      assert.equal(res.status, expected[i], `${method} ${path} as ${callers[i]}: ${res.text}`);
    }
  }
});

// ---- what a LoopBack client can do as each user ----

scenario('anonymous-client-can-neither-pull-nor-push', async (baseUrl, tokens) => {
  const c = client(baseUrl, 'anonymous', tokens);
  await refused(c.pull(), 'an anonymous pull');
  await c.create({id: crypto.randomUUID(), title: 'anonymous'});
  await refused(c.push(), 'an anonymous push');
});

scenario('read-only-client-cannot-pull-because-pulling-bumps-the-checkpoint', async (baseUrl, tokens) => {
  await refused(client(baseUrl, 'emery', tokens).pull(), "emery's pull (POST /checkpoint needs REPLICATE)");
});

scenario('replicating-client-pulls-but-cannot-push', async (baseUrl, tokens) => {
  const id = crypto.randomUUID();
  assert.equal((await rest(baseUrl, 'POST', '/Todos', {id, title: 'on the server'}, tokens.peter)).status, 200);
  const alice = client(baseUrl, 'alice', tokens);
  assert.deepEqual(await alice.pull(), [], "alice's pull");
  assert.equal((await alice.localTodo(id)).title, 'on the server');
  const mine = crypto.randomUUID();
  await alice.create({id: mine, title: 'from alice'});
  await refused(alice.push(), "alice's push (bulk-update needs WRITE)");
  assert.equal((await rest(baseUrl, 'GET', `/Todos/${mine}`, undefined, tokens.peter)).status, 404,
    'a refused push writes nothing');
});

scenario('writing-client-pushes-pulls-and-resolves', async (baseUrl, tokens) => {
  const peter = client(baseUrl, 'peter', tokens);
  const id = crypto.randomUUID();
  await peter.create({id, title: 'from peter'});
  let result = await peter.sync();
  assert.deepEqual([result.push.length, result.pull.length], [0, 0], 'first sync');
  assert.equal((await rest(baseUrl, 'GET', `/Todos/${id}`, undefined, tokens.emery)).json.title, 'from peter');

  const patched = await rest(baseUrl, 'PATCH', `/Todos/${id}`, {title: 'server edit'}, tokens.peter);
  assert.equal(patched.status, 200, patched.text);
  await peter.update(id, {title: 'offline edit'});
  result = await peter.sync();
  assert.deepEqual(result.push.map(c => c.modelId), [id], 'the offline edit conflicts with the server edit');
  await resolveUsingSource(result.push[0]);
  result = await peter.sync();
  assert.deepEqual([result.push.length, result.pull.length], [0, 0], 'sync after the resolution');
  assert.equal((await rest(baseUrl, 'GET', `/Todos/${id}`, undefined, tokens.emery)).json.title, 'offline edit');
});

async function main(argv) {
  if (argv.length !== 1) {
    console.error('usage: node security-scenarios.js <baseUrl>');
    return 2;
  }
  const baseUrl = argv[0].replace(/\/+$/, '');
  const tokens = {anonymous: undefined};
  for (const name of USERS) tokens[name] = await signUp(baseUrl, name);
  let passed = 0;
  let failed = 0;
  for (const {name, run} of scenarios) {
    try {
      await run(baseUrl, tokens);
      passed++;
      console.log(`PASS ${name}`);
    } catch (err) {
      failed++;
      const message = (err && err.message || String(err)).replace(/\s*\n\s*/g, ' | ');
      console.log(`FAIL ${name}: ${message}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  code => process.stdout.write('', () => process.exit(code)),
  err => { console.error(err); process.exit(1); });
