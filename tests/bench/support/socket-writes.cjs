/**
 * Preloaded (`--require`) into the Almanac process of the scale benchmark's fires: records when
 * each piece of a frame for HA's WebSocket is handed to the socket (wall time, sub-millisecond),
 * and writes them to BENCH_SOCKET_WRITES_FILE on SIGUSR2. A fire's lateness then splits into
 * Almanac's share (due instant → frame handed to the socket: timer, preparation, JSON, framing)
 * and the rest (the kernel's loopback, HA's process waking up and reading the frame).
 *
 * CommonJS and plain JavaScript: Node preloads it before anything else, in the built server.
 */
'use strict';
const net = require('node:net');
const { renameSync, writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const haPort = Number(process.env.BENCH_HA_PORT);
const isHa = Symbol('bench: socket to HA');
const times = [];
const write = net.Socket.prototype.write;

net.Socket.prototype.write = function (...args) {
  // remotePort asks the kernel (getpeername): once per socket, before the clock is read.
  if (this[isHa] === undefined && this.remotePort !== undefined) this[isHa] = this.remotePort === haPort;
  if (this[isHa]) times.push(performance.timeOrigin + performance.now());
  return write.apply(this, args);
};

process.on('SIGUSR2', () => {
  const file = process.env.BENCH_SOCKET_WRITES_FILE;
  writeFileSync(`${file}.tmp`, JSON.stringify(times));
  renameSync(`${file}.tmp`, file);
});
