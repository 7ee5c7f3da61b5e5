'use strict';
// A tiny sequential test harness for the interop scripts: `test(name, fn)` registers, `run()`
// executes in order, prints one line per test (TAP-like) and exits the process — ali-ons keeps
// timers and sockets open after close(), so a script never ends by itself.
//
// ./run passes the servers' addresses in the environment (see env() below); ali-ons's log lines
// are captured and printed only for a failing test, or always with INTEROP_VERBOSE=1.

const assert = require('node:assert/strict');
const util = require('node:util');

const tests = [];
let captured = [];

function test(name, fn) {
  tests.push({ name, fn });
}

function env() {
  const need = name => {
    const value = process.env[name];
    assert.ok(value, `environment variable ${name} is not set (run the scripts through tests/interop/run)`);
    return value;
  };
  return {
    namesrvAddr: need('RMQ_NAMESRV_ADDR'), // 127.0.0.1:<port>
    namesrvPort: Number(need('RMQ_NAMESRV_ADDR').split(':')[1]),
    nsAddrUrls: need('RMQ_NSADDR_URLS').split(' '), // the name server's HTTP address service
    nsAddrUnit: need('RMQ_NSADDR_UNIT'), // a unit name whose path (<first URL>-<unit>) is served
    brokerAddr: need('RMQ_BROKER_ADDR'), // 127.0.0.1:<port>
    brokerName: need('RMQ_BROKER_NAME'),
    clusterName: need('RMQ_CLUSTER_NAME'),
  };
}

// ali-ons requires an `httpclient` with urllib's request(url, { timeout }) → { status, data };
// Node's own fetch (undici) stands in for urllib.
const httpclient = {
  async request(url, options = {}) {
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeout || 10000) });
    return { status: response.status, data: Buffer.from(await response.arrayBuffer()) };
  },
};

// The logger handed to every ali-ons object (its default one prints warnings and errors).
const logger = {};
for (const level of [ 'debug', 'info', 'warn', 'error' ]) {
  logger[level] = (...args) => {
    const line = `  [ali-ons ${level}] ${util.format(...args)}`;
    captured.push(line);
    if (process.env.INTEROP_VERBOSE === '1') console.log(line);
  };
}

// Options every ali-ons client of these tests shares.
function clientOptions(extra) {
  return Object.assign({ httpclient, logger }, extra);
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Polls `fn` until it returns a truthy value (or resolves to one); the last error is rethrown
// when `timeoutMs` passes.
async function waitFor(what, fn, timeoutMs = 5000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? `: ${lastError.stack || lastError}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

// Rejects when `promise` does not settle in time: a hang is a failure with a name, not a stall.
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([ promise, timeout ]).finally(() => clearTimeout(timer));
}

// Errors an ali-ons object emits, collected so that a test can assert there were none (or only
// expected ones); `expected(err)` filters those that are part of the scenario.
function collectErrors(emitter, expected = () => false) {
  const errors = [];
  emitter.on('error', err => {
    logger.warn('%s emitted error: %s', emitter.constructor.name, err && err.stack || err);
    if (!expected(err)) errors.push(err);
  });
  return errors;
}

async function run(file) {
  const title = require('node:path').basename(file);
  let failed = 0;
  console.log(`# ${title}`);
  for (const [ index, { name, fn } ] of tests.entries()) {
    captured = [];
    const started = Date.now();
    try {
      await fn();
      console.log(`ok ${index + 1} - ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok ${index + 1} - ${name} (${Date.now() - started} ms)`);
      console.log(String(err && err.stack || err).replace(/^/gm, '  '));
      if (process.env.INTEROP_VERBOSE !== '1' && captured.length) {
        console.log('  ali-ons log of this test:');
        console.log(captured.join('\n'));
      }
    }
  }
  console.log(`# ${title}: ${tests.length - failed}/${tests.length} passed`);
  process.exit(failed ? 1 : 0);
}

process.on('unhandledRejection', err => {
  console.log(`not ok - unhandled rejection: ${err && err.stack || err}`);
  process.exit(1);
});

module.exports = { test, run, env, httpclient, logger, clientOptions, sleep, waitFor, within, collectErrors, assert };
