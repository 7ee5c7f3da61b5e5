'use strict';
// Producing and consuming with ali-ons against our broker (issue 5's interop proof):
// - a Producer sends N messages (default 10 000) with tags and keys across all queues of a topic;
// - two push Consumers of one group (clustering) receive every message exactly once between
//   them (they are started and balanced before the sends, so no rebalance moves a queue while
//   messages are in flight);
// - a Consumer of a second group receives every message independently;
// - the first group, restarted, resumes from its committed offsets: it receives the messages
//   sent while it was down and none of the earlier ones.

const { Producer, Consumer, Message } = require('ali-ons');
const MQClient = require('ali-ons/lib/mq_client');
const ClientConfig = require('ali-ons/lib/client_config');
const { test, run, env, clientOptions, waitFor, within, collectErrors, assert } = require('./lib/harness');

const e = env();
const N = Number(process.env.INTEROP_MESSAGES || 10000);
const LATER = 200;  // sent while group A is down
const topic = `InteropData${process.pid}`;
const producerGroup = `PID_DATA_${process.pid}`;
const groupA = `CID_DATA_A_${process.pid}`;
const groupB = `CID_DATA_B_${process.pid}`;

let admin;
let producer;
const consumers = [];
const errorLists = [];  // one per client, filled as they emit
const sent = new Map();  // msgId → { tag, key, queueId }
const receivedA = new Map();  // msgId → count
const receivedB = new Map();
const receivedAfterRestart = new Map();

function consumer(group, instance, received) {
  const c = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup: group, instanceName: instance }));
  errorLists.push(collectErrors(c));
  c.subscribe(topic, '*', async msg => {
    received.set(msg.msgId, (received.get(msg.msgId) || 0) + 1);
    const expected = sent.get(msg.msgId);
    if (expected) {
      assert.equal(msg.tags, expected.tag, `tag of ${msg.msgId}`);
      const keys = Array.isArray(msg.keys) ? msg.keys.join(' ') : String(msg.keys);
      assert.equal(keys, expected.key, `keys of ${msg.msgId}`);
    }
  });
  consumers.push(c);
  return c;
}

function allocated(c) {
  return [ ...c.processQueueTable.keys() ].filter(key => key.includes(topic)).length;
}

async function sendBatch(count, offset) {
  const queues = new Set();
  const window = 64;
  for (let i = 0; i < count; i += window) {
    const results = await Promise.all(Array.from({ length: Math.min(window, count - i) }, (_, j) => {
      const n = offset + i + j;
      const tag = `Tag${n % 3}`;
      const key = `key-${n}`;
      const msg = new Message(topic, tag, `body-${n}`);
      msg.keys = [ key ];
      return producer.send(msg).then(result => ({ result, tag, key }));
    }));
    for (const { result, tag, key } of results) {
      assert.equal(result.sendStatus, 'SEND_OK');
      sent.set(result.msgId, { tag, key, queueId: result.messageQueue.queueId });
      queues.add(Number(result.messageQueue.queueId));
    }
  }
  return queues;
}

test('set-up: a topic with 4 queues', async () => {
  admin = new MQClient(new ClientConfig(clientOptions({ nameSrv: e.namesrvAddr, instanceName: 'interop-data-admin' })));
  await admin.ready();
  await admin.createTopic(e.brokerAddr, 'TBW102', { topicName: topic, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false }, 3000);
  await waitFor(`the route of ${topic}`, () => admin.getTopicRouteInfoFromNameServer(topic, 3000));
});

test('two Consumers of group A and one of group B start and share the queues', async () => {
  const a1 = consumer(groupA, `data-a1-${process.pid}`, receivedA);
  const a2 = consumer(groupA, `data-a2-${process.pid}`, receivedA);
  const b1 = consumer(groupB, `data-b1-${process.pid}`, receivedB);
  await within(15000, 'consumers ready', Promise.all([ a1.ready(), a2.ready(), b1.ready() ]));
  // Rebalance runs on ali-ons's timer (and on the broker's NOTIFY_CONSUMER_IDS_CHANGED).
  await waitFor('group A balanced 2 + 2', async () => {
    await a1._mqClient.doRebalance();
    await a2._mqClient.doRebalance();
    return allocated(a1) === 2 && allocated(a2) === 2;
  }, 30000, 500);
  await waitFor('group B holding all 4 queues', () => allocated(b1) === 4, 30000, 200);
});

test(`a Producer sends ${N} messages with tags and keys across all queues`, async () => {
  producer = new Producer(clientOptions({ nameSrv: e.namesrvAddr, producerGroup, instanceName: `data-p-${process.pid}` }));
  errorLists.push(collectErrors(producer));
  await producer.ready();
  const started = Date.now();
  const queues = await sendBatch(N, 0);
  const seconds = (Date.now() - started) / 1000;
  console.log(`# sent ${N} messages in ${seconds.toFixed(2)} s (${Math.round(N / seconds)} msg/s)`);
  assert.equal(sent.size, N, 'distinct message ids');
  assert.deepEqual([ ...queues ].sort(), [ 0, 1, 2, 3 ]);
});

test('group A receives every message exactly once between its two consumers; group B all of them', async () => {
  await waitFor(`group A receiving ${N}`, () => receivedA.size >= N, 60000, 100);
  await waitFor(`group B receiving ${N}`, () => receivedB.size >= N, 60000, 100);
  for (const id of sent.keys()) {
    assert.equal(receivedA.get(id), 1, `group A received ${id} ${receivedA.get(id) || 0} times`);
    assert.ok(receivedB.get(id) >= 1, `group B never received ${id}`);
  }
  assert.equal(receivedA.size, N);
});

test('group A restarted resumes from its committed offsets', async () => {
  const [ a1, a2 ] = consumers;
  await within(10000, 'group A close()', Promise.all([ a1.close(), a2.close() ]));  // persists offsets
  const before = new Set(sent.keys());
  await sendBatch(LATER, N);
  const a3 = consumer(groupA, `data-a3-${process.pid}`, receivedAfterRestart);
  await within(15000, 'restarted consumer ready', a3.ready());
  await waitFor(`the ${LATER} later messages`, () => receivedAfterRestart.size >= LATER, 60000, 100);
  await new Promise(resolve => setTimeout(resolve, 1000));  // anything replayed would show by now
  for (const id of receivedAfterRestart.keys())
    assert.ok(!before.has(id), `message ${id} consumed before the restart was delivered again`);
  assert.equal(receivedAfterRestart.size, LATER);
});

test('everything closes without client errors', async () => {
  for (const c of consumers.slice(2)) await within(10000, 'consumer close()', c.close());
  await within(5000, 'producer close()', producer.close());
  await within(5000, 'inner producer close()', Producer.getDefaultProducer().then(p => p.close()));
  await within(5000, 'admin close()', admin.close());
  assert.deepEqual(errorLists.flat().map(String), []);
});

run(__filename);
