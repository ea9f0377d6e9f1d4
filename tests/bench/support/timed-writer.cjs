/**
 * The fire's floor (loopback-floor.ts `timedFloor`): a fresh process that, like Almanac's clock
 * (server/src/clock.ts), sleeps on a timer until 2 ms before each due instant, waits out the rest
 * in 20 µs sleeps, and then writes the instant (wall ms) to the reader over loopback TCP. No
 * preparation, no JSON, no WebSocket: a fire with nothing to do. Told over IPC where to write and
 * when; answers `done` once the last instant is written.
 *
 * CommonJS and plain JavaScript: nothing to load but Node.
 */
'use strict';
const { connect } = require('node:net');

const MARGIN_MS = 2;
const SLICE_MS = 0.02;
const slice = new Int32Array(new SharedArrayBuffer(4));

process.once('message', ({ port, first, gapMs, samples }) => {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  socket.once('connect', () => {
    let i = 0;
    const next = () => {
      if (i === samples) {
        setTimeout(() => {
          socket.destroy();
          process.send({ done: true });
        }, gapMs);
        return;
      }
      const due = first + i * gapMs;
      const wait = due - Date.now() - MARGIN_MS;
      if (wait > 0) {
        setTimeout(next, wait);
        return;
      }
      while (Date.now() < due) Atomics.wait(slice, 0, 0, SLICE_MS);
      socket.write(`${due}\n`);
      i++;
      setTimeout(next, Math.max(0, first + i * gapMs - Date.now() - MARGIN_MS));
    };
    next();
  });
});
