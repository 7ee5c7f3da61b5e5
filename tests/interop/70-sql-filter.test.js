'use strict';
// A SQL92 subscription with ali-ons (the broker runs with enablePropertyFilter=true): ali-ons
// registers the selector with its heartbeat ({ expressionType: 'SQL92', subString }) and pulls
// without it, so the broker filters every pull by the registered selector; the consumer must
// receive exactly the messages whose user properties match, each once.

const { Producer, Consumer, Message } = require('ali-ons');
const MQClient = require('ali-ons/lib/mq_client');
const ClientConfig = require('ali-ons/lib/client_config');
const { test, run, env, clientOptions, waitFor, within, collectErrors, sleep, assert } = require('./lib/harness');

const e = env();
const N = 300;
const topic = `InteropSql${process.pid}`;
const producerGroup = `PID_SQL_${process.pid}`;
const group = `CID_SQL_${process.pid}`;
const selector = "price > 50 AND region IN ('eu', 'us') OR vip IS NOT NULL";
const regions = [ 'eu', 'us', 'asia' ];

let admin;
let producer;
let consumer;
const errors = [];
const expected = new Set();  // msgIds the selector takes
const received = new Map();  // msgId → count

test('set-up: a topic and a consumer subscribed by SQL92', async () => {
  admin = new MQClient(new ClientConfig(clientOptions({ nameSrv: e.namesrvAddr, instanceName: 'interop-sql-admin' })));
  await admin.ready();
  await admin.createTopic(e.brokerAddr, 'TBW102', { topicName: topic, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false }, 3000);
  await waitFor(`the route of ${topic}`, () => admin.getTopicRouteInfoFromNameServer(topic, 3000));

  consumer = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup: group, instanceName: `sql-c-${process.pid}`, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
  errors.push(collectErrors(consumer));
  consumer.subscribe(topic, { expressionType: 'SQL92', subString: selector }, async msg => {
    received.set(msg.msgId, (received.get(msg.msgId) || 0) + 1);
  });
  await within(15000, 'consumer ready', consumer.ready());
  await waitFor('the consumer holding the queues', async () => {
    await consumer._mqClient.doRebalance();
    return [ ...consumer.processQueueTable.keys() ].filter(k => k.includes(topic)).length === 4;
  }, 30000, 200);

  producer = new Producer(clientOptions({ nameSrv: e.namesrvAddr, producerGroup, instanceName: `sql-p-${process.pid}` }));
  errors.push(collectErrors(producer));
  await producer.ready();
});

test(`of ${N} messages, exactly those the selector takes arrive, each once`, async () => {
  for (let i = 0; i < N; i++) {
    const msg = new Message(topic, i % 2 ? 'TagB' : 'TagA', `body-${i}`);
    const region = regions[i % 3];
    msg.properties.price = String(i % 100);
    msg.properties.region = region;
    if (i % 37 === 0) msg.properties.vip = 'yes';
    const r = await producer.send(msg);
    assert.equal(r.sendStatus, 'SEND_OK');
    if ((i % 100 > 50 && region !== 'asia') || i % 37 === 0) expected.add(r.msgId);
  }
  assert.ok(expected.size > 50 && expected.size < N, `a selective selector (${expected.size} of ${N})`);
  await waitFor('every selected message', () => [ ...expected ].every(id => received.has(id)), 30000, 100);
  await sleep(1500);  // nothing else may arrive
  assert.deepEqual([ ...received.keys() ].filter(id => !expected.has(id)), [], 'messages the selector does not take');
  assert.deepEqual([ ...received.values() ].filter(n => n !== 1), [], 'duplicates');
});

test('everything closes without client errors', async () => {
  if (consumer) await within(10000, 'consumer close()', consumer.close());
  if (producer) await within(5000, 'producer close()', producer.close());
  await within(5000, 'inner producer close()', Producer.getDefaultProducer().then(p => p.close()));
  await within(5000, 'admin close()', admin.close());
  assert.deepEqual(errors.flat().map(String), []);
});

run(__filename);
