'use strict';
// ali-ons without `nameSrv`: it finds the name server through the HTTP address service
// (RemotingClient.updateNameServerAddressList: GET <onsAddr>, a ';'-separated address list in
// the body), which mqnamesrv serves on httpListenPort at the paths of httpNsAddrPaths.

const MQClient = require('ali-ons/lib/mq_client');
const ClientConfig = require('ali-ons/lib/client_config');
const { test, run, env, httpclient, clientOptions, within, collectErrors, assert } = require('./lib/harness');

const e = env();

test('the address service answers each configured path with the name server\'s address', async () => {
  for (const url of e.nsAddrUrls) {
    const ret = await httpclient.request(url, { timeout: 3000 });
    assert.equal(ret.status, 200, url);
    const addrs = ret.data.toString().trim().split(';');
    assert.equal(addrs.length, 1, url);
    // Its own address: the host's IPv4 address when listening on every interface (clients on
    // other hosts must reach it), and the name server's port.
    assert.match(addrs[0], new RegExp(`^\\d+\\.\\d+\\.\\d+\\.\\d+:${e.namesrvPort}$`), url);
  }
  const missing = new URL(e.nsAddrUrls[0]);
  missing.pathname = '/rocketmq/no-such-path';
  assert.equal((await httpclient.request(missing.href, { timeout: 3000 })).status, 404);
});

for (const url of e.nsAddrUrls) {
  test(`an MQClient with onsAddr ${new URL(url).pathname} discovers the name server and fetches routes`, async () => {
    const client = new MQClient(new ClientConfig(clientOptions({ onsAddr: url, instanceName: `interop-onsaddr-${process.pid}` })));
    const errors = collectErrors(client);
    await within(10000, 'MQClient.ready() (HTTP discovery)', client.ready());
    assert.equal(client.options.nameSrv, undefined);
    assert.equal(client._namesrvAddrList.length, 1);
    assert.ok(client._namesrvAddrList[0].endsWith(`:${e.namesrvPort}`), client._namesrvAddrList[0]);

    const route = await within(5000, 'TBW102 route', client.getDefaultTopicRouteInfoFromNameServer('TBW102', 3000));
    assert.deepEqual(route.brokerDatas, [ { brokerAddrs: { 0: e.brokerAddr }, brokerName: e.brokerName, cluster: e.clusterName } ]);
    assert.equal(route.queueDatas[0].perm, 7);

    await assert.rejects(client.getTopicRouteInfoFromNameServer(`InteropNoSuchTopic${process.pid}`, 3000), { code: 17 });

    // A refresh (what ali-ons does when a name-server connection closes) reads the list again.
    await client.updateNameServerAddressListThrottle();
    assert.equal(client._namesrvAddrList.length, 1);

    await within(5000, 'MQClient.close()', client.close());
    assert.deepEqual(errors, []);
  });
}

test('with a unitName ali-ons asks <onsAddr>-<unit>?nofix=1, and that path is served too', async () => {
  const client = new MQClient(new ClientConfig(clientOptions({ onsAddr: e.nsAddrUrls[0], unitName: e.nsAddrUnit, instanceName: `interop-unit-${process.pid}` })));
  const errors = collectErrors(client);
  const asked = [];
  const request = client.httpclient.request;
  client.options.httpclient = { request: (url, options) => (asked.push(url), request(url, options)) };
  await within(10000, 'MQClient.ready() (HTTP discovery)', client.ready());
  assert.deepEqual(asked, [ `${e.nsAddrUrls[0]}-${e.nsAddrUnit}?nofix=1` ]);
  assert.ok(client._namesrvAddrList[0].endsWith(`:${e.namesrvPort}`), client._namesrvAddrList[0]);
  const route = await within(5000, 'TBW102 route', client.getDefaultTopicRouteInfoFromNameServer('TBW102', 3000));
  assert.equal(route.brokerDatas[0].brokerAddrs[0], e.brokerAddr);
  await within(5000, 'MQClient.close()', client.close());
  assert.deepEqual(errors, []);
});

test('a producer with only onsAddr starts, heartbeats to the broker and closes', async () => {
  const { Producer } = require('ali-ons');
  const producer = new Producer(clientOptions({ onsAddr: e.nsAddrUrls[0], producerGroup: `PID_INTEROP_ONSADDR_${process.pid}` }));
  const errors = collectErrors(producer);
  await within(10000, 'Producer.ready()', producer.ready());
  const mqClient = producer._mqClient;
  await mqClient.updateTopicRouteInfoFromNameServer('TBW102');
  assert.equal(mqClient.findBrokerAddressInPublish(e.brokerName), e.brokerAddr);
  // sendHeartbeatToAllBroker() swallows failures (co-gather); its per-broker call throws them.
  const heartbeat = mqClient._prepareHeartbeatData();
  assert.ok(heartbeat.producerDataSet.some(p => p.groupName === producer.producerGroup));
  await within(5000, 'HEART_BEAT', mqClient.sendHearbeat(e.brokerAddr, heartbeat, 3000));
  await within(5000, 'Producer.close()', producer.close());
  await within(5000, 'the inner producer\'s close()', Producer.getDefaultProducer().then(p => p.close()));
  assert.deepEqual(errors, []);
});

run(__filename);
