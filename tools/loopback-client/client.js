// A stock LoopBack 3 replication client, built the way LoopBack's documentation and the offline-sync
// example build one (PROTOCOL.md section 6): a memory-backed `LocalTodo` that tracks changes and a
// remote-connector `RemoteTodo` (plural `Todos`) that only exposes the replication methods of the server.
//
// Nothing here changes LoopBack's algorithm: push is `LocalTodo.replicate(since, RemoteTodo)`, pull is
// `RemoteTodo.replicate(since, LocalTodo)`, and conflicts are LoopBack's own `Change.Conflict` objects.
// The only policy of ours is how `since` is kept, and it is LoopBack's own tests' policy (see Direction).
'use strict';

const loopback = require('loopback');
const {CHANGE_CLEANUP_OFF, todoDefinition} = require('./todo-model');

/**
 * One direction of a sync (push or pull) with its own `since`.
 *
 * `since` only moves after a run that reported no conflicts, as LoopBack's replication tests do: a
 * resolution does not touch the change's checkpoint, so a client that advanced past a conflicted run
 * would never send the resolution (PROTOCOL.md 2.9 and 9.4.7).
 */
class Direction {
  constructor(name, source, target) {
    this.name = name;
    this.source = source;
    this.target = target;
    this.since = -1;
    /** Checkpoints returned by the last run, whether or not `since` took them. */
    this.lastCheckpoints = null;
  }

  /**
   * Runs one replication. Resolves with LoopBack's conflicts (source = this direction's source);
   * rejects with LoopBack's error.
   */
  run() {
    return new Promise((resolve, reject) => {
      // The callback form: the promise form of replicate() drops the checkpoints (PROTOCOL.md 2.1).
      this.source.replicate(this.since, this.target, {}, (err, conflicts, checkpoints) => {
        if (err) {
          err.message = `${this.name} (${this.source.modelName} -> ${this.target.modelName}) failed: ` +
            err.message;
          return reject(err);
        }
        this.lastCheckpoints = checkpoints;
        if (conflicts.length === 0) this.since = checkpoints;
        resolve(conflicts);
      });
    });
  }
}

/**
 * A LoopBack client app of its own (own registry, own memory datasource, own remote datasource), so two
 * clients in one process behave like two browsers.
 */
class LoopBackClient {
  /**
   * @param {string} baseUrl REST root of the server, e.g. http://127.0.0.1:3000/api
   * @param {string} [name] label used in messages
   * @param {object} [auth] the remote connector's `remotes.auth`, as LoopBack's REST tests set it, e.g.
   *   `{bearer: base64(token)}`; none by default
   * @param {object} [options] `{changeCleanup: false}` switches off LoopBack's periodic cleanup of the local
   *   change list (todo-model.js, CHANGE_CLEANUP_OFF); it runs by default, as in any LoopBack app
   */
  constructor(baseUrl, name, auth, options) {
    this.name = name || 'client';
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    /** Errors LoopBack reported from change tracking (handleChangeError); a scenario expects none. */
    this.changeErrors = [];

    const app = loopback({localRegistry: true, loadBuiltinModels: true});
    app.dataSource('local', {connector: 'memory'});
    app.dataSource('remote', {connector: 'remote', url: this.baseUrl});
    if (auth) app.dataSources.remote.connector.remotes.auth = auth;

    const base = todoDefinition();
    const Todo = app.registry.createModel('Todo', base.properties, base.settings);
    const LocalTodo = app.registry.createModel('LocalTodo', {}, Object.assign({}, base.settings, {
      base: Todo,
      trackChanges: true,
    }, options && options.changeCleanup === false ? CHANGE_CLEANUP_OFF : {}));
    const RemoteTodo = app.registry.createModel('RemoteTodo', {}, Object.assign({}, base.settings, {
      base: Todo,
      plural: 'Todos',
      // The server tracks its own changes; the remote model only needs the replication methods.
      trackChanges: false,
      enableRemoteReplication: true,
    }));
    // LoopBack's default emits 'error' and crashes without a listener; keep them for the scenario instead.
    LocalTodo.handleChangeError = (err, operationName) => {
      this.changeErrors.push(`${operationName}: ${err && err.message}`);
    };
    app.model(LocalTodo, {dataSource: 'local'});
    app.model(RemoteTodo, {dataSource: 'remote'});

    this.app = app;
    this.LocalTodo = LocalTodo;
    this.RemoteTodo = RemoteTodo;
    this.pushDirection = new Direction('push', LocalTodo, RemoteTodo);
    this.pullDirection = new Direction('pull', RemoteTodo, LocalTodo);
  }

  /** Local changes to the server. Resolves with conflicts whose source is LocalTodo. */
  push() {
    return this.pushDirection.run();
  }

  /**
   * Server changes to the local store. Resolves with LoopBack's conflicts, whose source is RemoteTodo;
   * `swapParties()` on them gives the local-source view that LoopBack's docs resolve.
   */
  pull() {
    return this.pullDirection.run();
  }

  /**
   * Push then pull, as the docs' `sync()` does (push first, so conflicts are resolved at the client).
   * The pull runs even after a conflicted push. Resolves with
   * `{push: Conflict[], pull: Conflict[]}`; `pull` conflicts are already swapped to the local side, as the
   * docs hand them to the UI.
   */
  async sync() {
    const push = await this.push();
    const pull = await this.pull();
    return {push, pull: pull.map(c => c.swapParties())};
  }

  /** Every local Todo as a plain object, ordered by id. */
  async localTodos() {
    const found = await this.LocalTodo.find({order: 'id ASC'});
    return found.map(t => t.toObject()).sort(byId);
  }

  /** The local Todo with this id as a plain object, or null. */
  async localTodo(id) {
    const found = await this.LocalTodo.findById(id);
    return found ? found.toObject() : null;
  }

  /** Every local change record as a plain object. */
  async localChanges() {
    const changes = await this.LocalTodo.getChangeModel().find();
    return changes.map(c => c.toObject());
  }

  /** Writes a local Todo (create). */
  async create(data) {
    const created = await this.LocalTodo.create(data);
    return created.toObject();
  }

  /** Patches a local Todo, as a UI edit would. */
  async update(id, patch) {
    const inst = await this.LocalTodo.findById(id);
    if (!inst) throw new Error(`${this.name}: no local Todo '${id}' to update`);
    const updated = await inst.updateAttributes(patch);
    return updated.toObject();
  }

  /** Deletes a local Todo. */
  async remove(id) {
    const result = await this.LocalTodo.destroyById(id);
    return result;
  }

  /** The rev LoopBack computes for this record: sha1 of its canonical JSON (PROTOCOL.md 1.2). */
  revisionOf(record) {
    return this.LocalTodo.getChangeModel().revisionForInst(record);
  }

  /**
   * Makes the next `RemoteTodo.bulkUpdate` call run `beforeForward()` first, then forward to LoopBack's
   * own bulkUpdate. Resolves the returned promise with the error bulkUpdate answered (or null).
   * Used to let a third party write between a push's diff and its bulk update.
   */
  interceptNextBulkUpdate(beforeForward) {
    const RemoteTodo = this.RemoteTodo;
    const original = RemoteTodo.bulkUpdate;
    let settle;
    const outcome = new Promise(resolve => { settle = resolve; });
    RemoteTodo.bulkUpdate = function(updates, options, cb) {
      RemoteTodo.bulkUpdate = original;
      if (typeof options === 'function') { cb = options; options = {}; }
      Promise.resolve()
        .then(() => beforeForward(updates))
        .then(
          () => original.call(this, updates, options, (err, ...rest) => {
            settle(err || null);
            cb(err, ...rest);
          }),
          err => { settle(err); cb(err); });
    };
    return outcome;
  }
}

function byId(a, b) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---- Conflict helpers: LoopBack's callback API as promises, nothing added. ----

function callback(fn) {
  return new Promise((resolve, reject) => {
    fn((err, ...results) => (err ? reject(err) : resolve(results)));
  });
}

/** `conflict.models()` → `{source, target}` as plain objects (null when missing). */
async function conflictModels(conflict) {
  const [source, target] = await callback(cb => conflict.models(cb));
  return {source: plain(source), target: plain(target)};
}

/** `conflict.changes()` → `{source, target}` change objects. */
async function conflictChanges(conflict) {
  const [source, target] = await callback(cb => conflict.changes(cb));
  return {source, target};
}

/** `conflict.type()` → 'update' | 'delete' | 'unknown'. */
async function conflictType(conflict) {
  const [type] = await callback(cb => conflict.type(cb));
  return type;
}

function resolveUsingSource(conflict) {
  return callback(cb => conflict.resolveUsingSource(cb));
}

function resolveUsingTarget(conflict) {
  return callback(cb => conflict.resolveUsingTarget(cb));
}

/**
 * `conflict.resolveManually(data)`; `null` deletes the source instance. LoopBack throws for a data
 * object when the source is the remote model (PROTOCOL.md 3): callers use it with a local source only.
 */
function resolveManually(conflict, data) {
  return callback(cb => conflict.resolveManually(data, cb));
}

function plain(inst) {
  if (inst == null) return null;
  return typeof inst.toObject === 'function' ? inst.toObject() : inst;
}

module.exports = {
  LoopBackClient,
  conflictModels,
  conflictChanges,
  conflictType,
  resolveUsingSource,
  resolveUsingTarget,
  resolveManually,
};
