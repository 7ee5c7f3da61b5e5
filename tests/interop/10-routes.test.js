'use strict';
// ali-ons's own MQClient (lib/mq_client.js, lib/mq_client_api.js) with `nameSrv` pointing at
// mqnamesrv: topic administration on the broker (UPDATE_AND_CREATE_TOPIC), routes from the name
// server (GET_ROUTEINFO_BY_TOPIC) for a created topic, for TBW102 and for an unknown topic.

const MQClient = require('ali-ons/lib/mq_client');
const { isDeepStrictEqual } = require('node:util');
const ClientConfig = require('ali-ons/lib/client_config');
const PermName = require('ali-ons/lib/protocol/perm_name');
const ResponseCode = require('ali-ons/lib/protocol/response_code');
const { test, run, env, clientOptions, waitFor, within, collectErrors, assert } = require('./lib/harness');

const e = env();
const topic = `InteropRoute${process.pid}`;
let client;
let clientErrors;

// The route ali-ons must see for a topic of this single broker (RocketMQ 4.9.8's TopicRouteData
// JSON: brokerDatas, filterServerTable, queueDatas; ali-ons sorts both lists by brokerName).
function expectedRoute(queueData) {
  return {
    brokerDatas: [ { brokerAddrs: { 0: e.brokerAddr }, brokerName: e.brokerName, cluster: e.clusterName } ],
    filterServerTable: {},
    queueDatas: [ Object.assign({ brokerName: e.brokerName, topicSysFlag: 0 }, queueData) ],
  };
}

function topicConfig(readQueueNums, writeQueueNums, perm) {
  // The topicConfig ali-ons's createTopic takes (the shape its commented-out
  // MQProducer.createTopic built): numbers and booleans go out as JSON numbers/booleans in
  // extFields, not strings as Java clients send them.
  return { topicName: topic, readQueueNums, writeQueueNums, perm, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false };
}

test('an MQClient with nameSrv starts (no topics yet, so no broker traffic)', async () => {
  client = new MQClient(new ClientConfig(clientOptions({ nameSrv: e.namesrvAddr, instanceName: 'interop-routes' })));
  clientErrors = collectErrors(client);
  await within(5000, 'MQClient.ready()', client.ready());
  assert.deepEqual(client._namesrvAddrList, [ e.namesrvAddr ]);
});

test('createTopic (UPDATE_AND_CREATE_TOPIC) on the broker succeeds', async () => {
  const perm = PermName.PERM_READ | PermName.PERM_WRITE;
  await within(5000, 'createTopic', client.createTopic(e.brokerAddr, 'TBW102', topicConfig(3, 5, perm), 3000));
});

test('the name server serves the created topic\'s route: broker, address, queue numbers, perm', async () => {
  // The broker re-registers with the name server (oneway) right after the change.
  const route = await waitFor(`the route of ${topic}`, () => client.getTopicRouteInfoFromNameServer(topic, 3000));
  assert.deepEqual(route, expectedRoute({ perm: 6, readQueueNums: 3, writeQueueNums: 5 }));
});

test('updating the topic (createTopic again) changes its route', async () => {
  await within(5000, 'createTopic', client.createTopic(e.brokerAddr, 'TBW102', topicConfig(2, 2, PermName.PERM_READ), 3000));
  const want = expectedRoute({ perm: PermName.PERM_READ, readQueueNums: 2, writeQueueNums: 2 });
  let route;
  await waitFor('the updated route', async () => {
    route = await client.getTopicRouteInfoFromNameServer(topic, 3000);
    return isDeepStrictEqual(route, want);
  }).catch(err => {
    err.message += `\n  last route: ${JSON.stringify(route)}\n  expected:   ${JSON.stringify(want)}`;
    throw err;
  });
});

test('MQClient.updateTopicRouteInfoFromNameServer fills ali-ons\'s broker table from the route', async () => {
  await client.updateTopicRouteInfoFromNameServer(topic);
  assert.equal(client.findBrokerAddressInPublish(e.brokerName), e.brokerAddr);
  assert.deepEqual(client.findBrokerAddressInAdmin(e.brokerName), { brokerAddr: e.brokerAddr, slave: false });
  assert.equal(client.findBrokerAddrByTopic(topic), e.brokerAddr);
});

test('the default topic TBW102 route (getDefaultTopicRouteInfoFromNameServer)', async () => {
  const route = await within(5000, 'TBW102 route', client.getDefaultTopicRouteInfoFromNameServer('TBW102', 3000));
  // autoCreateTopicEnable=true (the default): perm 7 (read | write | inherit), 8 queues.
  assert.deepEqual(route, expectedRoute({ perm: 7, readQueueNums: 8, writeQueueNums: 8 }));
});

test('an unknown topic fails fast with TOPIC_NOT_EXIST (17), not a hang', async () => {
  const unknown = `InteropNoSuchTopic${process.pid}`;
  for (const fetch of [ 'getTopicRouteInfoFromNameServer', 'getDefaultTopicRouteInfoFromNameServer' ]) {
    await assert.rejects(within(3000, fetch, client[fetch](unknown, 3000)), err => {
      assert.equal(err.name, 'MQClientException');
      assert.equal(err.code, ResponseCode.TOPIC_NOT_EXIST);
      assert.equal(err.code, 17);
      assert.match(err.message, new RegExp(`^No topic route info in name server for the topic: ${unknown}`));
      return true;
    });
  }
});

test('the client closes cleanly and emitted no errors', async () => {
  await within(5000, 'MQClient.close()', client.close());
  assert.deepEqual(clientErrors, []);
});

run(__filename);
