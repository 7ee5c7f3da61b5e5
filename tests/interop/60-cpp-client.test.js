'use strict';
// Our C++ client against ali-ons, both ways (tests/interop/cpp/client_interop_tool): messages
// from our producer reach an ali-ons consumer with their tags, keys, user property and id, and
// messages from an ali-ons producer reach our push consumer the same way.

const { spawn } = require('node:child_process');
const path = require('node:path');
const { Producer, Consumer, Message } = require('ali-ons');
const MQClient = require('ali-ons/lib/mq_client');
const ClientConfig = require('ali-ons/lib/client_config');
const { test, run, env, clientOptions, waitFor, collectErrors, assert } = require('./lib/harness');

const e = env();
const N = 50;
const tool = path.join(process.env.RMQ_BIN_DIR_ABS, 'client_interop_tool');
const cppToNode = `CppToNode${process.pid}`;
const nodeToCpp = `NodeToCpp${process.pid}`;

// Runs the tool; resolves with its stdout lines once it exits with 0.
function runTool(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: [ 'ignore', 'pipe', 'pipe' ] });
    let out = '';
    let err = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', code => {
      clearTimeout(timer);
      if (code === 0) resolve(out.split('\n'));
      else reject(new Error(`client_interop_tool ${args[0]} exited with ${code}: ${err}${out}`));
    });
  });
}

test('our producer → an ali-ons consumer: every message, with tags, keys and properties', async () => {
  const lines = await runTool([ 'produce', e.namesrvAddr, cppToNode, String(N) ], 30000);
  const sent = new Set(lines.filter(l => l.startsWith('SENT SEND_OK ')).map(l => l.split(' ')[2]));
  assert.equal(sent.size, N);
  const received = new Map();
  const consumer = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup: `CID_CPP_${process.pid}`, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
  const errors = collectErrors(consumer);
  // ali-ons reports the broker's offset id as msgId; our producer's id is the UNIQ_KEY.
  consumer.subscribe(cppToNode, '*', async msg => {
    received.set(msg.properties.UNIQ_KEY, msg);
  });
  await consumer.ready();
  await waitFor(`${N} messages at the ali-ons consumer`, () => received.size >= N, 30000);
  for (const [ id, msg ] of received) {
    assert.ok(sent.has(id), `unexpected message id ${id}`);
    const i = msg.body.toString().replace('cpp-body-', '');
    assert.equal(msg.tags, 'TagCpp');
    const keys = Array.isArray(msg.keys) ? msg.keys.join(' ') : String(msg.keys);
    assert.equal(keys, `cpp-key-${i}`);
    assert.equal(msg.properties.origin, 'cpp');
  }
  await consumer.close();
  assert.deepEqual(errors, []);
});

test('an ali-ons producer → our push consumer: every message, with tags, keys and properties', async () => {
  // ali-ons does not create topics through TBW102: create it first, as 40-send-consume does.
  const admin = new MQClient(new ClientConfig(clientOptions({ nameSrv: e.namesrvAddr, instanceName: 'interop-cpp-admin' })));
  await admin.ready();
  await admin.createTopic(e.brokerAddr, 'TBW102', { topicName: nodeToCpp, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false }, 3000);
  await waitFor(`the route of ${nodeToCpp}`, () => admin.getTopicRouteInfoFromNameServer(nodeToCpp, 3000));
  const producer = new Producer(clientOptions({ nameSrv: e.namesrvAddr, producerGroup: `PID_NODE_${process.pid}` }));
  await producer.ready();
  const sent = new Map();
  for (let i = 0; i < N; i++) {
    const msg = new Message(nodeToCpp, 'TagNode', `node-body-${i}`);
    msg.keys = [ `node-key-${i}` ];
    msg.properties.origin = 'node';
    const result = await producer.send(msg);
    assert.equal(result.sendStatus, 'SEND_OK');
    sent.set(result.msgId, i);
  }
  await producer.close();
  const lines = await runTool([ 'consume', e.namesrvAddr, nodeToCpp, `CID_NODE_${process.pid}`, String(N), '30' ], 45000);
  const got = lines.filter(l => l.startsWith('MSG ')).map(l => l.slice(4).split('|'));
  assert.equal(got.length, N);
  for (const [ topic, tags, keys, origin, body, id ] of got) {
    assert.equal(topic, nodeToCpp);
    const i = sent.get(id);
    assert.ok(i !== undefined, `unexpected message id ${id}`);
    assert.equal(tags, 'TagNode');
    assert.equal(keys, `node-key-${i}`);
    assert.equal(origin, 'node');
    assert.equal(body, `node-body-${i}`);
  }
  await admin.close();
});

run(__filename);
