#!/usr/bin/env node
// Compatibility scenarios: unmodified LoopBack 3 clients (client.js) replicate against the server at
// <baseUrl> (PROTOCOL.md 2, 3, 4 and 9).
//
//   node scenarios.js <baseUrl> [scenario...]     e.g. node scenarios.js http://127.0.0.1:3000/api
//   node scenarios.js --list
//
// Prints `PASS <name>` or `FAIL <name>: <message>` per scenario, then `N passed, M failed`; exits 0 only
// when every scenario passed (2 on bad arguments).
//
// Isolation: every scenario starts by deleting every Todo through the REST API, and uses new clients and
// ids of its own (random UUIDs), because the server's change records and tombstones outlive a scenario.
// A new client's first pull brings every record the server holds (and harmless tombstones of earlier
// scenarios' records), so "converged" below compares a client's whole store with the whole server. The
// last scenario skips the cleanup: a newcomer must converge with whatever the others left behind.
//
// Where PROTOCOL.md section 9 asks more than LoopBack 3 does, the assertion states section 9 and a
// comment beginning "LoopBack reference server:" says that the reference server fails it.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const {
  LoopBackClient, conflictModels, conflictType, resolveUsingSource, resolveUsingTarget, resolveManually,
} = require('./client');

const SCENARIO_TIMEOUT_MS = 60_000;
const HTTP_TIMEOUT_MS = 15_000;

// ------------------------------------------------------------------------------------------------
// The server as a third party sees it: plain REST calls, no LoopBack client involved.
// ------------------------------------------------------------------------------------------------

class ServerApi {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  async request(method, path, body) {
    const init = {method, headers: {accept: 'application/json'}, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS)};
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const url = this.baseUrl + path;
    let res;
    try {
      res = await fetch(url, init);
    } catch (err) {
      throw new Error(`${method} ${url} failed: ${err.cause ? err.cause.message : err.message}`);
    }
    const text = await res.text();
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new Error(`${method} ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return {status: res.status, json, text};
  }

  async expect(status, method, path, body) {
    const res = await this.request(method, path, body);
    if (res.status !== status) {
      throw new Error(`${method} ${path} ${body === undefined ? '' : JSON.stringify(body) + ' '}` +
        `answered ${res.status}, expected ${status}: ${res.text.slice(0, 300)}`);
    }
    return res.json;
  }

  /** GET /Todos, ordered by id. */
  async list() {
    const todos = await this.expect(200, 'GET', '/Todos');
    assert.ok(Array.isArray(todos), `GET /Todos must answer an array, got ${JSON.stringify(todos)}`);
    return todos.sort(byId);
  }

  /** GET /Todos/:id, or null on LoopBack's 404 MODEL_NOT_FOUND (PROTOCOL.md 9.1.3). */
  async get(id) {
    const path = `/Todos/${encodeURIComponent(id)}`;
    const res = await this.request('GET', path);
    if (res.status === 404) {
      assert.equal(res.json && res.json.error && res.json.error.code, 'MODEL_NOT_FOUND',
        `GET ${path} 404 must carry code MODEL_NOT_FOUND (the remote connector turns exactly that into null): ${res.text}`);
      return null;
    }
    assert.equal(res.status, 200, `GET ${path} answered ${res.status}: ${res.text}`);
    return res.json;
  }

  create(data) {
    return this.expect(200, 'POST', '/Todos', data);
  }

  patch(id, data) {
    return this.expect(200, 'PATCH', `/Todos/${encodeURIComponent(id)}`, data);
  }

  remove(id) {
    return this.expect(200, 'DELETE', `/Todos/${encodeURIComponent(id)}`);
  }

  /** Every change record (GET /Todos/changes?since=-1). */
  async changes() {
    const changes = await this.expect(200, 'GET', '/Todos/changes?since=-1');
    assert.ok(Array.isArray(changes), `GET /Todos/changes must answer an array, got ${JSON.stringify(changes)}`);
    return changes;
  }

  /** GET /Todos/:id/changes/last (null when there is none). */
  lastChange(id) {
    return this.expect(200, 'GET', `/Todos/${encodeURIComponent(id)}/changes/last`);
  }
}

function byId(a, b) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ------------------------------------------------------------------------------------------------
// Scenario context and named helpers
// ------------------------------------------------------------------------------------------------

class Scenario {
  constructor(baseUrl, name) {
    this.baseUrl = baseUrl;
    this.name = name;
    this.server = new ServerApi(baseUrl);
    this.ids = new Set();
    this.clients = [];
    this.currentStep = 'start';
  }

  /** A fresh id owned by this scenario. */
  newId() {
    const id = crypto.randomUUID();
    this.ids.add(id);
    return id;
  }

  /** A new LoopBack client app of its own. */
  client(name) {
    const client = new LoopBackClient(this.baseUrl, name);
    this.clients.push(client);
    return client;
  }

  step(text) {
    this.currentStep = text;
  }
}

function todo(id, title, completed = false, created = null) {
  return {id, title, completed, created};
}

function ids(conflicts) {
  return conflicts.map(c => c.modelId).sort();
}

function assertNoConflicts(result, when) {
  const push = ids(result.push);
  const pull = ids(result.pull);
  assert.ok(push.length === 0 && pull.length === 0,
    `${when}: expected no conflicts, got push conflicts [${push}] and pull conflicts [${pull}]`);
}

/** Push then pull, expecting no conflict in either direction. */
async function expectCleanSync(client, when) {
  const result = await client.sync();
  assertNoConflicts(result, `${client.name} ${when}`);
}

/** Every client syncs twice in turn with no conflict: afterwards each has what the others pushed. */
async function syncUntilQuiet(clients, when) {
  for (let round = 1; round <= 2; round++) {
    for (const client of clients) await expectCleanSync(client, `${when} (round ${round})`);
  }
}

function expectOneConflict(conflicts, id, when) {
  assert.deepEqual(ids(conflicts), [id], `${when}: expected exactly one conflict, for Todo '${id}'`);
  return conflicts[0];
}

/** Creates a Todo on the client and syncs it, so client and server share its first revision. */
async function givenSyncedTodo(s, client, title = 'original') {
  const id = s.newId();
  await client.create({id, title});
  await expectCleanSync(client, `sync of new Todo '${id}'`);
  assert.deepEqual(await s.server.get(id), todo(id, title), `server copy of Todo '${id}' after the first push`);
  return id;
}

/** The record (or its absence, when `expected` is null) on the server and on every client. */
async function expectTodoEverywhere(s, clients, id, expected) {
  assert.deepEqual(await s.server.get(id), expected, `server copy of Todo '${id}'`);
  for (const client of clients) {
    assert.deepEqual(await client.localTodo(id), expected, `${client.name}'s copy of Todo '${id}'`);
  }
}

/**
 * Every client's records equal the server's (GET /Todos), every server record's change rev is the rev
 * LoopBack computes for it, and the change records agree: same modelIds, same revs (tombstones included
 * for this scenario's ids; older tombstones were never on these clients).
 */
async function assertConverged(s, clients) {
  const serverTodos = await s.server.list();
  const serverChanges = await s.server.changes();
  const serverRevs = new Map();
  for (const change of serverChanges) {
    assert.ok(!serverRevs.has(change.modelId),
      `GET /Todos/changes?since=-1 lists Todo '${change.modelId}' twice (one change record per instance)`);
    serverRevs.set(change.modelId, change.rev || null);
  }
  const revisionOf = record => clients[0].revisionOf(record);
  for (const record of serverTodos) {
    const expected = revisionOf(record);
    assert.equal(serverRevs.get(record.id), expected,
      `server change rev of Todo '${record.id}' ${JSON.stringify(record)} must be the rev LoopBack computes ` +
      `for that record (PROTOCOL.md 1.2, 9.2.2)`);
  }
  for (const client of clients) {
    const local = await client.localTodos();
    const recordDiff = describeRecordDiff(local, serverTodos);
    assert.ok(recordDiff.length === 0, `${client.name}'s records differ from GET /Todos: ${recordDiff.join('; ')}`);

    const localRevs = new Map();
    for (const change of await client.localChanges()) localRevs.set(change.modelId, change.rev || null);
    const changeDiff = [];
    for (const [id, rev] of localRevs) {
      if (!serverRevs.has(id)) changeDiff.push(`'${id}' has a change on ${client.name} (rev ${rev}) but none on the server`);
      else if (serverRevs.get(id) !== rev) changeDiff.push(`'${id}' rev ${rev} on ${client.name}, ${serverRevs.get(id)} on the server`);
    }
    for (const [id, rev] of serverRevs) {
      if ((rev !== null || s.ids.has(id)) && !localRevs.has(id)) {
        changeDiff.push(`'${id}' has a change on the server (rev ${rev}) but none on ${client.name}`);
      }
    }
    assert.ok(changeDiff.length === 0, `change records disagree: ${changeDiff.slice(0, 5).join('; ')}` +
      (changeDiff.length > 5 ? ` (and ${changeDiff.length - 5} more)` : ''));
    assert.deepEqual(client.changeErrors, [], `${client.name} reported change-tracking errors`);
  }
}

function describeRecordDiff(local, server) {
  const localById = new Map(local.map(r => [r.id, r]));
  const serverById = new Map(server.map(r => [r.id, r]));
  const diff = [];
  for (const [id, record] of serverById) {
    const mine = localById.get(id);
    if (!mine) diff.push(`'${id}' missing locally (server ${JSON.stringify(record)})`);
    else if (!isDeepStrictEqual(mine, record)) diff.push(`'${id}' local ${JSON.stringify(mine)} server ${JSON.stringify(record)}`);
  }
  for (const [id, record] of localById) {
    if (!serverById.has(id)) diff.push(`'${id}' only local ${JSON.stringify(record)}`);
  }
  return diff.length > 5 ? diff.slice(0, 5).concat(`and ${diff.length - 5} more`) : diff;
}

function isDeepStrictEqual(a, b) {
  return require('node:util').isDeepStrictEqual(a, b);
}

// ------------------------------------------------------------------------------------------------
// Scenarios
// ------------------------------------------------------------------------------------------------

const scenarios = [];

function scenario(name, run, {keepServerState = false} = {}) {
  scenarios.push({name, run, keepServerState});
}

/** Deletes every Todo through REST, so that new clients start from an empty server. */
async function cleanServer(s) {
  for (const record of await s.server.list()) {
    await s.server.remove(record.id);
  }
  assert.deepEqual(await s.server.list(), [], 'GET /Todos after deleting every Todo');
}

// ---- one-way basics ----

scenario('push-create', async s => {
  const c = s.client('client');
  s.step('create locally, one with an explicit id and one with LoopBack generating it');
  const id = s.newId();
  await c.create({id, title: 'pushed', created: 1764115200123});
  const generated = await c.create({title: 'id from defaultFn'});
  s.ids.add(generated.id);
  s.step('push');
  assert.deepEqual(ids(await c.push()), [], 'push of two new Todos');
  assert.deepEqual(await s.server.get(id), todo(id, 'pushed', false, 1764115200123), 'server copy');
  assert.deepEqual(await s.server.get(generated.id), generated, 'server copy of the Todo with a generated id');
  s.step('compare revisions');
  const change = await s.server.lastChange(id);
  assert.equal(change.rev, c.revisionOf(todo(id, 'pushed', false, 1764115200123)), 'server rev of the pushed Todo');
  assert.ok(change.prev === undefined || change.prev === null, `a create has no prev, got ${change.prev}`);
  s.step('sync and check convergence');
  await syncUntilQuiet([c], 'after push');
  await assertConverged(s, [c]);
});

scenario('push-update', async s => {
  const c = s.client('client');
  const id = await givenSyncedTodo(s, c);
  s.step('edit locally and push');
  await c.update(id, {title: 'edited', completed: true});
  assert.deepEqual(ids(await c.push()), [], 'push of an update');
  assert.deepEqual(await s.server.get(id), todo(id, 'edited', true), 'server copy after the push');
  await syncUntilQuiet([c], 'after push');
  await expectTodoEverywhere(s, [c], id, todo(id, 'edited', true));
  await assertConverged(s, [c]);
});

scenario('push-delete', async s => {
  const c = s.client('client');
  const id = await givenSyncedTodo(s, c);
  s.step('delete locally and push');
  await c.remove(id);
  assert.deepEqual(ids(await c.push()), [], 'push of a delete');
  assert.equal(await s.server.get(id), null, 'server copy after the push');
  const change = await s.server.lastChange(id);
  assert.equal(change.rev, null, 'the server keeps a tombstone with rev null (PROTOCOL.md 1.4)');
  assert.ok(change.prev, 'the tombstone keeps the last revision as prev (PROTOCOL.md 1.4)');
  await syncUntilQuiet([c], 'after push');
  await assertConverged(s, [c]);
});

scenario('pull-create', async s => {
  const c = s.client('client');
  s.step('a third party creates a Todo on the server');
  const id = s.newId();
  const created = await s.server.create({id, title: 'from the server'});
  assert.deepEqual(created, todo(id, 'from the server'), 'POST /Todos answers the stored record (PROTOCOL.md 9.2.1)');
  s.step('pull');
  assert.deepEqual(ids(await c.pull()), [], 'pull of a new Todo');
  assert.deepEqual(await c.localTodo(id), created, 'local copy after the pull');
  await syncUntilQuiet([c], 'after pull');
  await assertConverged(s, [c]);
});

scenario('pull-update', async s => {
  const c = s.client('client');
  const id = await givenSyncedTodo(s, c);
  s.step('a third party edits the Todo on the server; pull');
  await s.server.patch(id, {title: 'server edit', completed: true});
  assert.deepEqual(ids(await c.pull()), [], 'pull of an update');
  assert.deepEqual(await c.localTodo(id), todo(id, 'server edit', true), 'local copy after the pull');
  await syncUntilQuiet([c], 'after pull');
  await assertConverged(s, [c]);
});

scenario('pull-delete', async s => {
  const c = s.client('client');
  const id = await givenSyncedTodo(s, c);
  s.step('a third party deletes the Todo on the server; pull');
  assert.deepEqual(await s.server.remove(id), {count: 1}, 'DELETE /Todos/:id answer (PROTOCOL.md 9.1.2)');
  assert.deepEqual(ids(await c.pull()), [], 'pull of a delete');
  assert.equal(await c.localTodo(id), null, 'local copy after the pull');
  const localChange = (await c.localChanges()).find(ch => ch.modelId === id);
  assert.equal(localChange && localChange.rev, null, 'the client keeps a tombstone for the pulled delete');
  await syncUntilQuiet([c], 'after pull');
  await assertConverged(s, [c]);
});

// ---- revisions ----

// Values whose canonical JSON is easy to get wrong: escapes beyond JSON.stringify's, non-BMP characters,
// and numbers whose ECMAScript formatting differs from Java's (PROTOCOL.md 1.2, 9.2.2).
const AWKWARD_VALUES = [
  ['héllo "q"\n\u2028', 0.1 + 0.2],
  ['\u007f\u00ad😀é\u0007', 1e21],
  ['tab\tback\\slash\b\f\r', 1e-7],
  ['\u200c\u2060\ufeff\ufff0\u0600', -1.5],
  ['ümlaut ß 日本語 </script>', 12345678901234567890],
  ['tiny', 5e-324],
  ['huge', Number.MAX_VALUE],
  ['millis', 1764115200123],
  ['hundred', 100],
  ['micro', 1e-6],
];

scenario('revisions-match-loopback', async s => {
  const c = s.client('client');
  s.step('LoopBack computes the vectors of PROTOCOL.md 9.2.1');
  assert.equal(c.revisionOf(todo('t1', 'a')), 'cfa1f9be556e475d7a488fe62162d165876a983d');
  assert.equal(c.revisionOf(todo('t2', 'b', true, 1764115200123)), 'e915c72b2c0dbd47e99166ae67c7ecfa871454e9');

  s.step('a record created through REST');
  const plainId = s.newId();
  const created = await s.server.create({id: plainId, title: 'a'});
  assert.deepEqual(created, todo(plainId, 'a'), 'POST /Todos stores every declared property, null when unset');
  assert.equal((await s.server.lastChange(plainId)).rev, c.revisionOf(created), 'server rev of a REST-created Todo');

  s.step('awkward values pushed by the client');
  const pushed = [];
  for (const [title, created] of AWKWARD_VALUES) {
    const record = todo(s.newId(), title, false, created);
    await c.create(record);
    pushed.push(record);
  }
  assert.deepEqual(ids(await c.push()), [], 'push of the awkward records');
  const localChanges = new Map((await c.localChanges()).map(ch => [ch.modelId, ch.rev]));
  for (const record of pushed) {
    assert.deepEqual(await s.server.get(record.id), record, `server copy of ${JSON.stringify(record)}`);
    const serverRev = (await s.server.lastChange(record.id)).rev;
    assert.equal(serverRev, localChanges.get(record.id), `server rev of ${JSON.stringify(record)} vs LoopBack's`);
  }

  s.step('awkward values written through REST and pulled');
  const written = [];
  for (const [title, created] of AWKWARD_VALUES) {
    const record = todo(s.newId(), `server ${title}`, true, created);
    assert.deepEqual(await s.server.create(record), record, `POST /Todos of ${JSON.stringify(record)}`);
    written.push(record);
  }
  assert.deepEqual(ids(await c.pull()), [], 'pull of the awkward records');
  for (const record of written) {
    assert.deepEqual(await c.localTodo(record.id), record, 'local copy of a pulled awkward record');
  }
  await syncUntilQuiet([c], 'after the awkward records (no false conflicts from representation)');
  await assertConverged(s, [c]);
});

// ---- update/update conflicts ----

const LOCAL_EDIT = {title: 'local edit'};
const SERVER_EDIT = {title: 'server edit', completed: true};
const MANUAL_MERGE = {title: 'merged by hand', completed: true};

/**
 * One update/update conflict: the client edits a synced Todo, a third party edits it on the server, the
 * conflict is found by a push or by a pull, and is resolved with `method` from the `sourceSide`
 * (LoopBack's conflict for a push has the local model as source, for a pull the remote one;
 * `swapParties()` gives the other side).
 *
 * `outcome` is what must end up everywhere: 'local', 'server', 'merged' or 'deleted'.
 */
function updateConflictScenario(detectedOn, sourceSide, method, outcome, note) {
  scenario(`update-conflict-on-${detectedOn}-${sourceSide}-source-${method}`, async s => {
    const c = s.client('client');
    const id = await givenSyncedTodo(s, c);
    const localVersion = todo(id, LOCAL_EDIT.title);
    const serverVersion = todo(id, SERVER_EDIT.title, SERVER_EDIT.completed);

    s.step('edit on both sides');
    await c.update(id, LOCAL_EDIT);
    await s.server.patch(id, SERVER_EDIT);

    s.step(`${detectedOn} reports the conflict`);
    const conflicts = detectedOn === 'push' ? await c.push() : await c.pull();
    let conflict = expectOneConflict(conflicts, id, detectedOn);
    const naturalSide = detectedOn === 'push' ? 'local' : 'remote';
    if (sourceSide !== naturalSide) conflict = conflict.swapParties();
    const local = sourceSide === 'local';
    assert.equal(conflict.SourceModel, local ? c.LocalTodo : c.RemoteTodo, 'conflict source model');

    s.step('inspect the conflict');
    assert.equal(await conflictType(conflict), 'update', 'conflict.type()');
    const models = await conflictModels(conflict);
    assert.deepEqual(models, local
      ? {source: localVersion, target: serverVersion}
      : {source: serverVersion, target: localVersion}, 'conflict.models()');

    s.step(`resolve with ${method}`);
    if (method === 'resolveUsingSource') await resolveUsingSource(conflict);
    else if (method === 'resolveUsingTarget') await resolveUsingTarget(conflict);
    else if (method === 'resolveManually-data') await resolveManually(conflict, MANUAL_MERGE);
    else if (method === 'resolveManually-null') await resolveManually(conflict, null);
    else throw new Error(`unknown resolution ${method}`);

    if (method === 'resolveManually-null') {
      // LoopBack's resolveManually(null) only deletes the source instance and does not rebase it
      // (PROTOCOL.md 3), so the next push still meets the other side's edit: a delete/update conflict,
      // which the user settles in favour of the deletion.
      s.step('the next sync reports the delete/update conflict left by resolveManually(null)');
      const again = await c.sync();
      const followUp = expectOneConflict(again.push, id, 'push after resolveManually(null)');
      assert.equal(await conflictType(followUp), 'delete', 'type of the conflict left by resolveManually(null)');
      s.step('settle it in favour of the deletion');
      if (local) await resolveUsingSource(followUp); // the local deletion wins
      else await resolveUsingTarget(followUp); // adopt the server's deletion
    }

    s.step('sync after the resolution');
    // PROTOCOL.md 9.4.9 (echoes): after a remote-source resolveUsingSource the server's change is based on
    // the client's revision (`prev` = local rev), so the next push finds the client merely behind.
    // LoopBack reference server: fails here for the two `remote-source-resolveUsingSource` scenarios; its
    // diff reports the push as a conflict again (R.prev != L.rev), a false conflict.
    await expectCleanSync(c, `sync after ${method}${note ? ` (${note})` : ''}`);
    await syncUntilQuiet([c], 'after the resolution');

    const expected = {
      local: localVersion,
      server: serverVersion,
      merged: todo(id, MANUAL_MERGE.title, MANUAL_MERGE.completed),
      deleted: null,
    }[outcome];
    await expectTodoEverywhere(s, [c], id, expected);
    await assertConverged(s, [c]);
  });
}

// Conflict found by a push (LoopBack's source: the local model).
updateConflictScenario('push', 'local', 'resolveUsingSource', 'local');
updateConflictScenario('push', 'local', 'resolveUsingTarget', 'server');
updateConflictScenario('push', 'local', 'resolveManually-data', 'merged');
updateConflictScenario('push', 'local', 'resolveManually-null', 'deleted');
// The same conflict swapped to the remote side: PUT /Todos/:id/changes/last, PATCH /Todos, DELETE /Todos/:id.
// (resolveManually(data) throws for a remote source in LoopBack, PROTOCOL.md 3: not used.)
updateConflictScenario('push', 'remote', 'resolveUsingSource', 'server', 'PROTOCOL.md 9.4.9');
updateConflictScenario('push', 'remote', 'resolveUsingTarget', 'local');
updateConflictScenario('push', 'remote', 'resolveManually-null', 'deleted');
// Conflict found by a pull (LoopBack's source: the remote model).
updateConflictScenario('pull', 'remote', 'resolveUsingSource', 'server', 'PROTOCOL.md 9.4.9');
updateConflictScenario('pull', 'remote', 'resolveUsingTarget', 'local');
updateConflictScenario('pull', 'remote', 'resolveManually-null', 'deleted');
// ... swapped to the local side, as LoopBack's docs handle pull conflicts.
updateConflictScenario('pull', 'local', 'resolveUsingSource', 'local');
updateConflictScenario('pull', 'local', 'resolveUsingTarget', 'server');
updateConflictScenario('pull', 'local', 'resolveManually-data', 'merged');
updateConflictScenario('pull', 'local', 'resolveManually-null', 'deleted');

// ---- delete/update conflicts ----

/**
 * `localDeletes`: the client deletes and the server updates; otherwise the client updates and the server
 * deletes. The conflict is resolved from the local side (swapped for a pull); `winner` names whose change
 * must survive.
 */
function deleteConflictScenario(localDeletes, detectedOn, winner) {
  const shape = localDeletes ? 'local-delete-remote-update' : 'local-update-remote-delete';
  scenario(`delete-conflict-${shape}-on-${detectedOn}-${winner}-wins`, async s => {
    const c = s.client('client');
    const id = await givenSyncedTodo(s, c);

    s.step('change on both sides');
    if (localDeletes) {
      await c.remove(id);
      await s.server.patch(id, SERVER_EDIT);
    } else {
      await c.update(id, LOCAL_EDIT);
      await s.server.remove(id);
    }

    s.step(`${detectedOn} reports the conflict`);
    let conflict;
    if (detectedOn === 'push') {
      conflict = expectOneConflict(await c.push(), id, 'push');
    } else {
      conflict = expectOneConflict(await c.pull(), id, 'pull').swapParties();
    }
    assert.equal(conflict.SourceModel, c.LocalTodo, 'conflict source model');
    assert.equal(await conflictType(conflict), 'delete', 'conflict.type()');
    const models = await conflictModels(conflict);
    assert.deepEqual(models, localDeletes
      ? {source: null, target: todo(id, SERVER_EDIT.title, SERVER_EDIT.completed)}
      : {source: todo(id, LOCAL_EDIT.title), target: null}, 'conflict.models()');

    s.step(`resolve: the ${winner} change wins`);
    // resolveUsingSource rebases the local change onto the server's; with a server tombstone that makes
    // the pushed change a create based on `prev: null`, which must recreate the record (PROTOCOL.md 9.3.2).
    if (winner === 'local') await resolveUsingSource(conflict);
    else await resolveUsingTarget(conflict);

    s.step('sync after the resolution');
    await expectCleanSync(c, 'sync after the resolution');
    await syncUntilQuiet([c], 'after the resolution');

    const localWins = winner === 'local';
    let expected;
    if (localDeletes) expected = localWins ? null : todo(id, SERVER_EDIT.title, SERVER_EDIT.completed);
    else expected = localWins ? todo(id, LOCAL_EDIT.title) : null;
    await expectTodoEverywhere(s, [c], id, expected);
    await assertConverged(s, [c]);
  });
}

deleteConflictScenario(true, 'push', 'local');
deleteConflictScenario(true, 'push', 'server');
deleteConflictScenario(false, 'push', 'local');
deleteConflictScenario(false, 'push', 'server');
deleteConflictScenario(true, 'pull', 'server');
deleteConflictScenario(false, 'pull', 'local');

// ---- a third-party write between diff and bulk update ----

scenario('race-third-party-write-between-diff-and-bulk-update', async s => {
  const c = s.client('client');
  const id = await givenSyncedTodo(s, c);
  const thirdParty = {title: 'third party', completed: true};

  s.step('edit locally; a third party writes the same Todo after the diff, before the bulk update');
  await c.update(id, LOCAL_EDIT);
  let interceptedIds = null;
  const bulkUpdateError = c.interceptNextBulkUpdate(async updates => {
    interceptedIds = updates.map(u => u.change.modelId);
    await s.server.patch(id, thirdParty);
  });

  s.step('push');
  const conflict = expectOneConflict(await c.push(), id, 'push racing a third-party write');
  assert.deepEqual(interceptedIds, [id], 'the diff let the local edit through as a delta');
  const err = await bulkUpdateError;
  assert.ok(err, 'bulk-update must fail when the record changed after the diff');
  assert.equal(err.statusCode, 409, `bulk-update status (PROTOCOL.md 2.7), got ${err.statusCode}: ${err.message}`);
  assert.deepEqual((err.details && err.details.conflicts || []).map(ch => ch.modelId), [id],
    'bulk-update 409 details.conflicts');

  s.step('inspect and resolve with the local version');
  assert.equal(await conflictType(conflict), 'update', 'conflict.type()');
  assert.deepEqual(await conflictModels(conflict),
    {source: todo(id, LOCAL_EDIT.title), target: todo(id, thirdParty.title, thirdParty.completed)},
    'conflict.models() shows the third-party write as the target');
  await resolveUsingSource(conflict);

  s.step('sync after the resolution');
  await expectCleanSync(c, 'sync after resolveUsingSource');
  await syncUntilQuiet([c], 'after the resolution');
  await expectTodoEverywhere(s, [c], id, todo(id, LOCAL_EDIT.title));
  await assertConverged(s, [c]);
});

// ---- two clients ----

scenario('two-clients-sync-through-the-server', async s => {
  const a = s.client('client A');
  const b = s.client('client B');

  s.step('A creates three Todos; both sync');
  const [x, y, z] = [s.newId(), s.newId(), s.newId()];
  await a.create({id: x, title: 'x'});
  await a.create({id: y, title: 'y'});
  await a.create({id: z, title: 'z'});
  await syncUntilQuiet([a, b], 'after A created three Todos');
  await assertConverged(s, [a, b]);

  s.step('non-overlapping edits on both clients');
  await b.update(x, {title: 'x by B'});
  await a.update(y, {completed: true});
  await a.remove(z);
  const w = s.newId();
  await b.create({id: w, title: 'w by B'});
  await syncUntilQuiet([a, b], 'after non-overlapping edits');
  await expectTodoEverywhere(s, [a, b], x, todo(x, 'x by B'));
  await expectTodoEverywhere(s, [a, b], y, todo(y, 'y', true));
  await expectTodoEverywhere(s, [a, b], z, null);
  await expectTodoEverywhere(s, [a, b], w, todo(w, 'w by B'));
  await assertConverged(s, [a, b]);

  s.step('both edit x; A syncs first, B meets a conflict and merges by hand');
  await a.update(x, {title: 'x by A', completed: true});
  await b.update(x, {title: 'x by B again'});
  await expectCleanSync(a, 'sync of its edit of x');
  const result = await b.sync();
  const conflict = expectOneConflict(result.push, x, 'B push');
  assert.equal(await conflictType(conflict), 'update', 'conflict.type()');
  assert.deepEqual(await conflictModels(conflict),
    {source: todo(x, 'x by B again'), target: todo(x, 'x by A', true)}, 'conflict.models() on B');
  // resolveManually(data) patches B's own version (the source) and rebases it onto A's.
  await resolveManually(conflict, {title: 'x merged', completed: true});
  await syncUntilQuiet([b, a], 'after B merged x');
  await expectTodoEverywhere(s, [a, b], x, todo(x, 'x merged', true));

  s.step('more edits: B deletes y, A edits w, B edits x again');
  await b.remove(y);
  await a.update(w, {title: 'w by A', completed: true});
  await b.update(x, {completed: false});
  await syncUntilQuiet([a, b], 'after the last edits');
  await expectTodoEverywhere(s, [a, b], y, null);
  await expectTodoEverywhere(s, [a, b], w, todo(w, 'w by A', true));
  await expectTodoEverywhere(s, [a, b], x, todo(x, 'x merged', false));
  await assertConverged(s, [a, b]);
});

// ---- last: the whole server is consistent for a newcomer ----

scenario('fresh-client-converges-with-the-whole-server', async s => {
  const c = s.client('fresh client');
  s.step('a new client pulls everything every scenario left behind');
  assert.deepEqual(ids(await c.pull()), [], 'first pull of a new client');
  await syncUntilQuiet([c], 'new client');
  await assertConverged(s, [c]);
}, {keepServerState: true});

// ------------------------------------------------------------------------------------------------
// Runner
// ------------------------------------------------------------------------------------------------

let onUnexpected = null;
process.on('uncaughtException', err => {
  if (onUnexpected) onUnexpected(err);
  else { console.error('uncaught exception outside a scenario:', err); process.exit(1); }
});
process.on('unhandledRejection', err => {
  if (onUnexpected) onUnexpected(err);
  else { console.error('unhandled rejection outside a scenario:', err); process.exit(1); }
});

async function runScenario(baseUrl, {name, run, keepServerState}) {
  const s = new Scenario(baseUrl, name);
  let timer;
  try {
    await Promise.race([
      (async () => {
        if (!keepServerState) {
          s.step('clean the server');
          await cleanServer(s);
        }
        await run(s);
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${SCENARIO_TIMEOUT_MS / 1000} s`)),
          SCENARIO_TIMEOUT_MS);
        onUnexpected = err => reject(new Error(`uncaught: ${err && err.stack || err}`));
      }),
    ]);
    return null;
  } catch (err) {
    return `[${s.currentStep}] ${describeError(err)}`;
  } finally {
    clearTimeout(timer);
    onUnexpected = null;
  }
}

function describeError(err) {
  if (!(err instanceof Error)) return String(err);
  let message = err.message;
  if (err instanceof assert.AssertionError && err.generatedMessage === false &&
      err.operator && err.operator !== 'fail' && err.operator !== '==') {
    // Node appends a multi-line diff to some custom messages; one line of JSON reads better here.
    const diffAt = message.indexOf('\n');
    if (diffAt >= 0) message = message.slice(0, diffAt);
    message += ` (actual ${short(err.actual)}, expected ${short(err.expected)})`;
  }
  if (err.statusCode) message += ` [HTTP ${err.statusCode}${err.code ? ' ' + err.code : ''}]`;
  return message.replace(/\s*\n\s*/g, ' | ');
}

function short(value) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text && text.length > 400 ? text.slice(0, 400) + '…' : text;
}

function isLoopbackHost(hostname) {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

async function main(argv) {
  if (argv[0] === '--list') {
    for (const {name} of scenarios) console.log(name);
    return 0;
  }
  if (argv.length < 1) {
    console.error('usage: node scenarios.js <baseUrl> [scenario...]   (or --list)');
    return 2;
  }
  let url;
  try {
    url = new URL(argv[0]);
  } catch (err) {
    console.error(`baseUrl must be a URL like http://127.0.0.1:3000/api, got ${JSON.stringify(argv[0])}`);
    return 2;
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    console.error(`baseUrl must be http:// on the loopback interface (127.0.0.1, localhost, [::1]), got ${argv[0]}`);
    return 2;
  }
  const baseUrl = argv[0].replace(/\/+$/, '');
  const wanted = argv.slice(1);
  const unknown = wanted.filter(name => !scenarios.some(sc => sc.name === name));
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; --list shows them`);
    return 2;
  }
  const selected = wanted.length ? scenarios.filter(sc => wanted.includes(sc.name)) : scenarios;

  let passed = 0;
  let failed = 0;
  for (const sc of selected) {
    const failure = await runScenario(baseUrl, sc);
    if (failure === null) {
      passed++;
      console.log(`PASS ${sc.name}`);
    } else {
      failed++;
      console.log(`FAIL ${sc.name}: ${failure}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// LoopBack's remote connector keeps sockets open, so leave explicitly once stdout is flushed.
main(process.argv.slice(2)).then(
  code => process.stdout.write('', () => process.exit(code)),
  err => { console.error(err); process.exit(1); });
