'use strict';
// Consumption failures with ali-ons, RocketMQ's retry path end to end:
// - a handler that fails makes ali-ons send the message back (CONSUMER_SEND_MSG_BACK); the broker
//   stores it for the group's %RETRY% topic after its delay level (./run starts the broker with
//   1 s levels) and the consumer receives it again, reconsumeTimes 1, same body, keys and tag;
// - a message that fails again once the group's maxReconsumeTimes is reached goes to the group's
//   dead-letter topic %DLQ%<group>, where a consumer of that topic finds it.
// ali-ons falls back to re-sending the message itself when the send-back fails, so the test also
// asserts the consumer emitted no send-back error.

const { Producer, Consumer, Message } = require('ali-ons');
const MQClient = require('ali-ons/lib/mq_client');
const ClientConfig = require('ali-ons/lib/client_config');
const { test, run, env, clientOptions, waitFor, within, collectErrors, assert } = require('./lib/harness');

const e = env();
const topic = `InteropRetry${process.pid}`;
const producerGroup = `PID_RETRY_${process.pid}`;
const group = `CID_RETRY_${process.pid}`;
const dlqGroup = `CID_DLQ_READER_${process.pid}`;

let admin;
let producer;
let consumer;
let dlqReader;
const errors = [];
const deliveries = new Map();  // key → [ { reconsumeTimes, body, tags, topic, at } ]
const deadLetters = new Map();  // key → message
const sentAt = new Map();

function record(msg) {
  const key = Array.isArray(msg.keys) ? msg.keys.join(' ') : String(msg.keys);
  const list = deliveries.get(key) || [];
  list.push({ reconsumeTimes: msg.reconsumeTimes, body: msg.body.toString(), tags: msg.tags, topic: msg.topic, at: Date.now() });
  deliveries.set(key, list);
  return key;
}

test('set-up: a topic, a producer, and a consumer whose handler fails on purpose', async () => {
  admin = new MQClient(new ClientConfig(clientOptions({ nameSrv: e.namesrvAddr, instanceName: 'interop-retry-admin' })));
  await admin.ready();
  await admin.createTopic(e.brokerAddr, 'TBW102', { topicName: topic, readQueueNums: 1, writeQueueNums: 1, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false }, 3000);
  await waitFor(`the route of ${topic}`, () => admin.getTopicRouteInfoFromNameServer(topic, 3000));

  // maxReconsumeTimes 1: a message's first failure is retried, its second goes to the DLQ.
  consumer = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup: group, instanceName: `retry-c-${process.pid}`, maxReconsumeTimes: 1 }));
  errors.push(collectErrors(consumer, err => /retry on purpose/.test(String(err))));
  consumer.subscribe(topic, '*', async msg => {
    const key = record(msg);
    if (key === 'fail-once' && msg.reconsumeTimes === 0) throw new Error('retry on purpose');
    if (key === 'fail-always') throw new Error('retry on purpose');
  });
  await within(15000, 'consumer ready', consumer.ready());
  await waitFor('the consumer holding the queue', async () => {
    await consumer._mqClient.doRebalance();
    return [ ...consumer.processQueueTable.keys() ].some(k => k.includes(topic));
  }, 30000, 200);

  producer = new Producer(clientOptions({ nameSrv: e.namesrvAddr, producerGroup, instanceName: `retry-p-${process.pid}` }));
  errors.push(collectErrors(producer));
  await producer.ready();
});

test('a failed message comes back through the retry topic with reconsumeTimes 1', async () => {
  for (const key of [ 'ok', 'fail-once' ]) {
    const msg = new Message(topic, 'TagR', `body-${key}`);
    msg.keys = [ key ];
    sentAt.set(key, Date.now());
    assert.equal((await producer.send(msg)).sendStatus, 'SEND_OK');
  }
  await waitFor('the retried delivery', () => (deliveries.get('fail-once') || []).length >= 2, 30000, 100);
  const [ first, second ] = deliveries.get('fail-once');
  assert.equal(first.reconsumeTimes, 0);
  assert.equal(second.reconsumeTimes, 1);
  assert.equal(second.body, 'body-fail-once');
  assert.equal(second.tags, 'TagR');
  assert.equal(second.topic, topic, 'ali-ons shows the original topic (RETRY_TOPIC)');
  // Delay level 3 + reconsumeTimes, 1 s each in this broker's messageDelayLevel.
  assert.ok(second.at - first.at >= 900, `redelivered after ${second.at - first.at} ms, before its delay`);
  assert.equal(deliveries.get('ok').length, 1);
});

test('a message failing past maxReconsumeTimes lands in the dead-letter topic', async () => {
  const msg = new Message(topic, 'TagD', 'body-dead');
  msg.keys = [ 'fail-always' ];
  assert.equal((await producer.send(msg)).sendStatus, 'SEND_OK');
  await waitFor('two failed deliveries', () => (deliveries.get('fail-always') || []).length >= 2, 30000, 100);

  const dlqTopic = `%DLQ%${group}`;
  await waitFor(`the route of ${dlqTopic}`, () => admin.getTopicRouteInfoFromNameServer(dlqTopic, 3000), 30000, 200);
  dlqReader = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup: dlqGroup, instanceName: `retry-dlq-${process.pid}`, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
  errors.push(collectErrors(dlqReader));
  dlqReader.subscribe(dlqTopic, '*', async m => {
    deadLetters.set(Array.isArray(m.keys) ? m.keys.join(' ') : String(m.keys), m);
  });
  await within(15000, 'DLQ reader ready', dlqReader.ready());
  await waitFor('the dead letter', () => deadLetters.has('fail-always'), 30000, 100);
  const dead = deadLetters.get('fail-always');
  assert.equal(dead.body.toString(), 'body-dead');
  await new Promise(resolve => setTimeout(resolve, 1500));  // no third delivery after the DLQ
  assert.equal(deliveries.get('fail-always').length, 2);
});

test('everything closes without client errors', async () => {
  for (const c of [ consumer, dlqReader ]) if (c) await within(10000, 'consumer close()', c.close());
  await within(5000, 'producer close()', producer.close());
  await within(5000, 'inner producer close()', Producer.getDefaultProducer().then(p => p.close()));
  await within(5000, 'admin close()', admin.close());
  assert.deepEqual(errors.flat().map(String), []);
});

run(__filename);
