#!/usr/bin/env node
// Times a stock LoopBack 3 client (client.js) replicating N todos with the server at <baseUrl>: one client
// creates the todos in its memory store and pushes them, then a fresh client pulls them all.
//
//   node bench-replication.js <baseUrl> <n>       e.g. node bench-replication.js http://127.0.0.1:3000/api 1000
//
// Prints one line of JSON on stdout:
//   {"n":1000,"push":{"ms":..,"serverMs":..,"requests":..,"each":[{"request":"POST /api/Todos/diff","ms":..},..]},
//    "pull":{...}}
// where `ms` is the wall time of LoopBack's replicate() and `serverMs` the part of it spent waiting on the
// server: the time during which at least one HTTP request was out, from handing it to Node's http module
// until its response's last byte. Building and parsing the JSON bodies and LoopBack's own diff and bulk
// update in memory are the client's work, the same whatever server answers, and are left out of serverMs.
//
// Both clients run with LoopBack's periodic change cleanup switched off (todo-model.js, CHANGE_CLEANUP_OFF), and
// the connections are not kept alive (connectionPerRequest below).
//
// A failure (the server refuses a body, a replication reports conflicts, the pull misses todos) is printed as
// {"n":..,"failed":"push"|"pull"|"setup","error":"..."} with exit code 1, so that the caller can report it.
'use strict';

const http = require('node:http');
const {LoopBackClient} = require('./client');

/** The todos of the JVM benchmarks (benchmarks' SampleTodos): ids in order, short titles, creation a second apart. */
function sampleTodo(i) {
  return {
    id: `todo-${String(i).padStart(6, '0')}`,
    title: `Todo number ${i}`,
    completed: i % 4 === 0,
    created: 1_767_225_600_000 + i * 1000,
  };
}

/**
 * Adds up the time during which some HTTP request is waiting on the server. LoopBack's remote connector
 * sends through `request`, which calls `http.request` of Node's own module, so wrapping that function sees
 * every call; the time spent serialising the body happens before it and parsing after the 'end' seen here.
 */
class ServerWait {
  constructor() {
    this.outstanding = 0;
    this.busySince = 0n;
    this.totalNs = 0n;
    this.each = [];
    const meter = this;
    const original = http.request;
    http.request = function(...args) {
      const req = original.apply(this, args);
      const label = requestLabel(args);
      const start = meter.started();
      let settled = false;
      const settle = () => {
        if (!settled) {
          settled = true;
          meter.finished(label, start);
        }
      };
      // Registered before `request` registers its own listeners, so this runs before the body is parsed.
      req.on('response', res => {
        res.on('end', settle);
        res.on('error', settle);
        res.on('close', settle);
      });
      req.on('error', settle);
      return req;
    };
  }

  started() {
    const now = process.hrtime.bigint();
    if (this.outstanding++ === 0) this.busySince = now;
    return now;
  }

  finished(label, start) {
    const now = process.hrtime.bigint();
    this.each.push({request: label, ms: Number(now - start) / 1e6});
    if (--this.outstanding === 0) this.totalNs += now - this.busySince;
  }

  /** Milliseconds waited, and each request with its own time, since the last call. */
  take() {
    const taken = {serverMs: Number(this.totalNs) / 1e6, requests: this.each.length, each: this.each};
    this.totalNs = 0n;
    this.each = [];
    return taken;
  }
}

/** `POST /api/Todos/diff`: the method and the path without its query, from http.request's arguments. */
function requestLabel(args) {
  const options = args.find(arg => arg && typeof arg === 'object' && !(arg instanceof URL)) || {};
  const path = String(options.path || (args[0] instanceof URL ? args[0].pathname : args[0]) || '');
  return `${options.method || 'GET'} ${path.split('?')[0]}`;
}

async function timed(wait, run) {
  wait.take();
  const start = process.hrtime.bigint();
  const conflicts = await run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (conflicts.length !== 0) {
    throw new Error(`LoopBack reported ${conflicts.length} conflicts`);
  }
  return Object.assign({ms}, wait.take());
}

/**
 * Node 19 and later keep connections of the global agent alive by default, while a Node server closes an idle
 * connection after 5 s (`keepAliveTimeout`). A LoopBack client computes its diff and updates for seconds between
 * two requests, then sends on the connection the server is closing, and the request fails with EPIPE or
 * "socket hang up" (as a push of 3,000 todos to the LoopBack server did). LoopBack 3 was built for the Node
 * versions whose global agent opened a connection per request; this restores that, for both servers alike.
 */
function connectionPerRequest() {
  http.globalAgent = new http.Agent({keepAlive: false});
}

async function main() {
  if (process.argv.length !== 4) {
    process.stderr.write('usage: node bench-replication.js <baseUrl> <n>\n');
    process.exit(2);
  }
  const baseUrl = process.argv[2];
  const n = Number(process.argv[3]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`n must be a positive integer, got ${JSON.stringify(process.argv[3])}\n`);
    process.exit(2);
  }
  connectionPerRequest();
  const wait = new ServerWait();
  const result = {n};
  let stage = 'setup';
  try {
    const pusher = new LoopBackClient(baseUrl, 'pusher', undefined, {changeCleanup: false});
    const createStart = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      await pusher.create(sampleTodo(i));
    }
    result.createLocallyMs = Number(process.hrtime.bigint() - createStart) / 1e6;

    stage = 'push';
    result.push = await timed(wait, () => pusher.push());

    stage = 'pull';
    const puller = new LoopBackClient(baseUrl, 'puller', undefined, {changeCleanup: false});
    result.pull = await timed(wait, () => puller.pull());
    const pulled = await puller.LocalTodo.count();
    if (pulled !== n) throw new Error(`the fresh client holds ${pulled} todos after the pull, expected ${n}`);
    const errors = pusher.changeErrors.concat(puller.changeErrors);
    if (errors.length) throw new Error(`change tracking failed: ${errors.join('; ')}`);
  } catch (err) {
    result.failed = stage;
    result.error = String(err && err.message || err).slice(0, 500);
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  // LoopBack leaves handles open that keep Node running: the figures are out, so stop here.
  process.exit(0);
}

main();
