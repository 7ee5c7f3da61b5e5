'use strict';
// The control plane ali-ons's Producer and (push) Consumer go through on start-up and shutdown:
// routes, HEART_BEAT (producer and consumer groups), the consumer group's %RETRY% topic the
// broker creates on the first heartbeat, GET_CONSUMER_LIST_BY_GROUP (rebalance),
// NOTIFY_CONSUMER_IDS_CHANGED pushed by the broker, UNREGISTER_CLIENT on close.
//
// The consumers' offset look-ups and pulls are served by the broker's data plane, so any error
// they emit fails the script; sending and consuming are proven in 40-send-consume.test.js.

const { Producer, Consumer } = require('ali-ons');
const MQClient = require('ali-ons/lib/mq_client');
const ClientConfig = require('ali-ons/lib/client_config');
const RequestCode = require('ali-ons/lib/protocol/request_code');
const ResponseCode = require('ali-ons/lib/protocol/response_code');
const { test, run, env, clientOptions, waitFor, within, collectErrors, logger, assert } = require('./lib/harness');

const e = env();
const topic = `InteropLife${process.pid}`;
const producerGroup = `PID_INTEROP_${process.pid}`;
const consumerGroup = `CID_INTEROP_${process.pid}`;
const retryTopic = `%RETRY%${consumerGroup}`;

const closing = new Set();
function expectedConsumerError(err, consumer) {
  // ali-ons's close() closes the sockets without waiting for a rebalance in flight (here one of
  // its offset queries, retried every second); that request then fails on the client side.
  if (err && err.name === 'SocketCloseError' && closing.has(consumer)) return true;
  // The consumer fetches its %RETRY% topic's route as soon as it subscribes; the broker creates
  // that topic on the group's first heartbeat, which may come after. A Java broker behaves alike.
  return Boolean(err && err.code === ResponseCode.TOPIC_NOT_EXIST && err.message.includes(retryTopic));
}

let admin;
let producer;
let consumer;
let second;
const errors = { admin: [], producer: [], consumer: [], second: [], broadcast: [] };

async function consumerIds() {
  try {
    return (await admin.getConsumerIdListByGroup(e.brokerAddr, consumerGroup, 3000)).slice().sort();
  } catch (err) {
    // Java's (and our) answer once the group has no member left.
    if (err.code === ResponseCode.SYSTEM_ERROR && err.message === `no consumer for this group, ${consumerGroup}`) return [];
    throw err;
  }
}

test('set-up: a topic with 4 queues, created through ali-ons\'s admin call', async () => {
  admin = new MQClient(new ClientConfig(clientOptions({ nameSrv: e.namesrvAddr, instanceName: 'interop-admin' })));
  errors.admin = collectErrors(admin);
  await admin.ready();
  await admin.createTopic(e.brokerAddr, 'TBW102', { topicName: topic, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false }, 3000);
  await waitFor(`the route of ${topic}`, () => admin.getTopicRouteInfoFromNameServer(topic, 3000));
});

test('a Producer starts; with the topic\'s route its heartbeat (producer group) reaches the broker', async () => {
  producer = new Producer(clientOptions({ nameSrv: e.namesrvAddr, producerGroup }));
  errors.producer = collectErrors(producer);
  await within(10000, 'Producer.ready()', producer.ready());
  const mqClient = producer._mqClient;
  await mqClient.updateTopicRouteInfoFromNameServer(topic);
  assert.equal(mqClient.findBrokerAddressInPublish(e.brokerName), e.brokerAddr);
  const heartbeat = mqClient._prepareHeartbeatData();
  // (The inner producer ali-ons starts for retries, CLIENT_INNER_PRODUCER, has its own MQClient.)
  assert.deepEqual(heartbeat, { clientID: producer.clientId, consumerDataSet: [], producerDataSet: [ { groupName: producerGroup } ] });
  // sendHeartbeatToAllBroker() swallows failures (co-gather); the per-broker call throws them.
  await within(5000, 'HEART_BEAT', mqClient.sendHearbeat(e.brokerAddr, heartbeat, 3000));
  await within(5000, 'sendHeartbeatToAllBroker', mqClient.sendHeartbeatToAllBroker());
});

test('a clustering push Consumer starts: heartbeat registers it, the broker lists it for rebalance', async () => {
  consumer = new Consumer(clientOptions({
    nameSrv: e.namesrvAddr, consumerGroup, instanceName: `interop-c1-${process.pid}`,
    pollNameServerInteval: 1000, rebalanceInterval: 1000,
  }));
  errors.consumer = collectErrors(consumer, err => expectedConsumerError(err, consumer));
  consumer.subscribe(topic, '*', async () => {});
  await within(10000, 'Consumer.ready()', consumer.ready());
  const clientId = consumer._mqClient.clientId;
  await waitFor(`${clientId} in the broker's consumer list`, async () => (await consumerIds()).includes(clientId));
  assert.deepEqual(await consumer._mqClient.findConsumerIdList(topic, consumerGroup), [ clientId ]);
  // Its subscription view: the topic's 4 queues on our broker.
  await waitFor('the subscribed topic\'s queues', () => consumer._topicSubscribeInfoTable.get(topic));
  assert.deepEqual(consumer._topicSubscribeInfoTable.get(topic).map(mq => [ mq.brokerName, mq.queueId ]),
    [ 0, 1, 2, 3 ].map(id => [ e.brokerName, id ]));
});

test('the broker created the group\'s %RETRY% topic on the heartbeat and the consumer gets its route', async () => {
  const route = await waitFor(`the route of ${retryTopic}`, () => admin.getTopicRouteInfoFromNameServer(retryTopic, 3000), 5000);
  assert.deepEqual(route.queueDatas, [ { brokerName: e.brokerName, perm: 6, readQueueNums: 1, writeQueueNums: 1, topicSysFlag: 0 } ]);
  // The consumer polls routes every second here (pollNameServerInteval).
  await waitFor(`${retryTopic} in the consumer's subscription table`, () => consumer._topicSubscribeInfoTable.get(retryTopic), 5000);
});

test('a second member joins: both listed, and the broker notifies the first (NOTIFY_CONSUMER_IDS_CHANGED)', async () => {
  const notified = [];
  consumer._mqClient.on('request', ({ data }) => {
    logger.info('server request to the first consumer: %j', data);
    if (data.code === RequestCode.NOTIFY_CONSUMER_IDS_CHANGED) notified.push(data.extFields);
  });
  second = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup, instanceName: `interop-c2-${process.pid}` }));
  errors.second = collectErrors(second, err => expectedConsumerError(err, second));
  second.subscribe(topic, '*', async () => {});
  await within(10000, 'second Consumer.ready()', second.ready());
  const ids = [ consumer._mqClient.clientId, second._mqClient.clientId ].sort();
  await waitFor('both members in the broker\'s consumer list', async () => JSON.stringify(await consumerIds()) === JSON.stringify(ids));
  await waitFor('NOTIFY_CONSUMER_IDS_CHANGED at the first consumer', () => notified.length > 0);
  assert.equal(notified[0].consumerGroup, consumerGroup);
});

test('Consumer.close() unregisters (UNREGISTER_CLIENT): the broker drops the member at once', async () => {
  const secondId = second._mqClient.clientId;
  closing.add(second);
  await within(5000, 'second Consumer.close()', second.close());
  assert.deepEqual(await consumerIds(), [ consumer._mqClient.clientId ]);
  assert.ok(!(await consumerIds()).includes(secondId));
  closing.add(consumer);
  await within(5000, 'Consumer.close()', consumer.close());
  assert.deepEqual(await consumerIds(), []);
});

test('a broadcasting Consumer (no %RETRY% subscription, offsets kept locally) registers and unregisters', async () => {
  const group = `CID_INTEROP_BC_${process.pid}`;
  const broadcast = new Consumer(clientOptions({ nameSrv: e.namesrvAddr, consumerGroup: group, isBroadcast: true, instanceName: `interop-bc-${process.pid}` }));
  errors.broadcast = collectErrors(broadcast, err => expectedConsumerError(err, broadcast));
  broadcast.subscribe(topic, '*', async () => {});
  await within(10000, 'broadcasting Consumer.ready()', broadcast.ready());
  const heartbeat = broadcast._mqClient._prepareHeartbeatData();
  assert.equal(heartbeat.consumerDataSet[0].messageModel, 'BROADCASTING');
  assert.deepEqual(heartbeat.consumerDataSet[0].subscriptionDataSet.map(sub => sub.topic), [ topic ]);
  await waitFor('the broadcasting member in the broker\'s list', async () => {
    const ids = await admin.getConsumerIdListByGroup(e.brokerAddr, group, 3000).catch(() => []);
    return ids.includes(broadcast._mqClient.clientId);
  });
  closing.add(broadcast);
  await within(5000, 'broadcasting Consumer.close()', broadcast.close());
  await assert.rejects(admin.getConsumerIdListByGroup(e.brokerAddr, group, 3000),
    { code: ResponseCode.SYSTEM_ERROR, message: `no consumer for this group, ${group}` });
});

test('Producer.close() unregisters its group and the clients shut down without errors', async () => {
  await within(5000, 'Producer.close()', producer.close());
  // The inner producer (CLIENT_INNER_PRODUCER) ali-ons creates for retries keeps the shared
  // MQClient open until it is closed too.
  await within(5000, 'inner producer close()', Producer.getDefaultProducer().then(p => p.close()));
  await within(5000, 'admin close()', admin.close());
  for (const [ who, list ] of Object.entries(errors)) assert.deepEqual(list, [], `errors from ${who}`);
});

run(__filename);
