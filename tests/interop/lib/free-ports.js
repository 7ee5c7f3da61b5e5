'use strict';
// Prints three free loopback TCP ports: "<name server> <HTTP> <broker>", the broker's chosen so
// that port - 2 (RocketMQ's VIP channel) and port + 1 (HA) are free too. Every port is held open
// until all are found, so the three differ.
const net = require('node:net');

function listen(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server));
  });
}

(async () => {
  const held = [];
  const ephemeral = async () => {
    const server = await listen(0);
    held.push(server);
    return server.address().port;
  };
  const ns = await ephemeral();
  const http = await ephemeral();
  let broker = 0;
  for (let attempt = 0; attempt < 200 && !broker; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const group = [];
    for (const port of [ base - 2, base - 1, base, base + 1 ]) {
      const server = await listen(port);
      if (!server) break;
      group.push(server);
    }
    held.push(...group);
    if (group.length === 4) broker = base;
  }
  for (const server of held) server.close();
  if (!broker) process.exit(1);
  console.log(`${ns} ${http} ${broker}`);
})();
