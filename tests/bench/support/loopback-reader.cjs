/**
 * The idle end of loopback-floor.ts: listens on a loopback port (told over IPC), and for every
 * line read (a sender's wall time, sub-millisecond) reports how long after it the read happened.
 * CommonJS and plain JavaScript: nothing to load but Node.
 */
'use strict';
const { createServer } = require('node:net');
const { performance } = require('node:perf_hooks');

const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('data', (data) => {
    const read = performance.timeOrigin + performance.now();
    for (const line of data.toString().split('\n')) if (line) process.send({ late: read - Number(line) });
  });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
