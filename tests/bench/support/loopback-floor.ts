/**
 * The machine's floor under the single-fire figure, measured in the same run: a process woken by
 * a timer writes a few bytes to another, idle process over loopback TCP, which notes when it read
 * them. No WebSocket, no JSON, no Almanac: what any fire pays between two processes on this
 * machine (timer wake-up, the kernel's loopback, the reader's wake-up). On a VM the tail of this
 * alone can take most of a 2 ms budget.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import { nowExact } from './recording-gateway.js';

const READER = fileURLToPath(new URL('./loopback-reader.cjs', import.meta.url));
const WRITER = fileURLToPath(new URL('./timed-writer.cjs', import.meta.url));

/**
 * Starts the idle reader, lets `write` send it lines (each a wall time, ms) on the port it listens
 * on, and answers how long after each the reader read it, in ms.
 */
async function readLatencies(write: (port: number) => Promise<void>): Promise<number[]> {
  const reader = fork(READER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve) => reader.once('message', (m: { port: number }) => resolve(m.port)));
    const latencies: number[] = [];
    reader.on('message', (m: { late?: number }) => {
      if (m.late !== undefined) latencies.push(m.late);
    });
    await write(port);
    return latencies;
  } finally {
    reader.kill();
  }
}

/** `samples` writes, `gapMs` apart (each after a sleep, as a fire is): write → read, in ms. */
export function loopbackFloor(samples = 240, gapMs = 125): Promise<number[]> {
  return readLatencies(async (port) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise((resolve) => socket.once('connect', resolve));
    for (let i = 0; i < samples; i++) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      socket.write(`${nowExact()}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    socket.destroy();
  });
}

/**
 * The same, measured the way a fire is: from the due instant, in a fresh process that waits for
 * each instant as Almanac's clock does (timed-writer.cjs), to the idle reader's read. The
 * single-fire figure's path with no work on it: timer wake-up, the kernel's loopback, the reader's
 * wake-up. `samples` instants, `gapMs` apart.
 */
export function timedFloor(samples = 240, gapMs = 125): Promise<number[]> {
  return readLatencies(async (port) => {
    const writer = fork(WRITER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      const done = new Promise((resolve) => writer.once('message', resolve));
      writer.send({ port, first: Math.ceil((Date.now() + 1000) / 1000) * 1000, gapMs, samples });
      await done;
    } finally {
      writer.kill();
    }
  });
}
