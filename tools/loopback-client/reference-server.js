#!/usr/bin/env node
// A stock LoopBack 3.28 server for the compatibility suite: the `Todo` model of todo-model.js with change
// tracking on the memory connector, REST at /api, listening on 127.0.0.1 only.
//
//   node reference-server.js <port>        (port 0 picks a free one; the chosen port is printed)
//   node reference-server.js <port> --no-change-cleanup
//
// --no-change-cleanup switches off LoopBack's periodic rectifyAllChanges() (todo-model.js, CHANGE_CLEANUP_OFF), as the
// benchmark does so that it does not land inside a timed request.
//
// With REFERENCE_SERVER_LOG=1 every request is printed as `<status> <method> <url>` once answered.
//
// It is the yardstick the scenarios were first validated against. Where PROTOCOL.md section 9 asks for
// more than LoopBack does, scenarios.js asserts section 9 and says so next to the assertion; those
// assertions are expected to fail here.
'use strict';

const loopback = require('loopback');
const {CHANGE_CLEANUP_OFF, todoDefinition} = require('./todo-model');

const HOST = '127.0.0.1';

function usage(message) {
  process.stderr.write(`${message}\nusage: node reference-server.js <port> [--no-change-cleanup]\n`);
  process.exit(2);
}

/**
 * Builds the reference app. Exported so that a test can start it in-process.
 * @param {object} [options] `{changeCleanup: false}` switches off LoopBack's periodic change cleanup
 * @returns {object} the LoopBack app (not yet listening)
 */
function createReferenceApp(options) {
  const app = loopback({localRegistry: true, loadBuiltinModels: true});
  // Must be set before the first model is registered: app.remotes() reads it once.
  // A stock LoopBack client sends a whole diff or bulk-update in one body (PROTOCOL.md 9.1.6).
  app.set('remoting', {
    json: {strict: false, limit: '50mb'},
    urlencoded: {extended: true, limit: '50mb'},
    rest: {normalizeHttpPath: false, xml: false},
    errorHandler: {debug: false, log: false},
  });
  app.set('legacyExplorer', false);

  app.dataSource('db', {connector: 'memory'});

  const {properties, settings} = todoDefinition(Object.assign({
    plural: 'Todos',
    trackChanges: true,
  }, options && options.changeCleanup === false ? CHANGE_CLEANUP_OFF : {}));
  const Todo = app.registry.createModel('Todo', properties, settings);
  // LoopBack's default emits 'error', which crashes the process when nobody listens; the offline-sync
  // example logs instead.
  Todo.handleChangeError = function(err, operationName) {
    console.warn('Todo change tracking failed during %s: %s', operationName, err && err.stack || err);
  };
  app.model(Todo, {dataSource: 'db', public: true});

  if (process.env.REFERENCE_SERVER_LOG === '1') {
    app.use((req, res, next) => {
      res.on('finish', () => console.log(`${res.statusCode} ${req.method} ${req.originalUrl}`));
      next();
    });
  }
  app.use('/api', loopback.rest());
  return app;
}

function main() {
  const args = process.argv.slice(2);
  const changeCleanup = !args.includes('--no-change-cleanup');
  const positional = args.filter(arg => arg !== '--no-change-cleanup');
  if (positional.length !== 1) usage('expected a port');
  const port = Number(positional[0]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    usage(`port must be an integer between 0 and 65535, got ${JSON.stringify(positional[0])}`);
  }
  const app = createReferenceApp({changeCleanup});
  const server = app.listen(port, HOST, () => {
    const actual = server.address().port;
    console.log(`LoopBack 3 reference server listening on http://${HOST}:${actual}/api`);
  });
  server.on('error', err => {
    console.error(`cannot listen on ${HOST}:${port}: ${err.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) main();

module.exports = {createReferenceApp};
