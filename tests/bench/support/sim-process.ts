/**
 * The HA simulator in a process of its own, for benchmarks of a built Almanac: the server under
 * test shares nothing with it but a WebSocket, as with a real HA. Started with `fork` (IPC); it
 * answers `{ type: 'calls', since }` with the service calls received since that index, each with
 * the instant HA received it, read from a sub-millisecond clock (the lateness of a fire is measured
 * where it matters: on HA's side of the socket).
 */
import { performance } from 'node:perf_hooks';
import { BENCH_TOKEN, benchSwitch, type SimReply, type SimRequest } from './sim-protocol.js';
import { demoAreas, demoDevices, demoEntities, demoLabels, startSimulator, type SimEntitySeed } from '../../../server/src/ha/simulator/index.js';


function benchEntities(count: number): SimEntitySeed[] {
  return Array.from({ length: count }, (_, i) => ({ entity_id: benchSwitch(i), state: 'off', attributes: { friendly_name: `Bench switch ${i}` } }));
}

/**
 * The offset from the high-resolution clock to the wall clock the server plans by (`Date.now()`),
 * taken at the instant `Date.now()` ticks over to the next millisecond, several times; the median.
 */
function wallOffset(): number {
  const samples: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = Date.now();
    let wall = start;
    let hr = 0;
    while (wall === start) {
      hr = performance.timeOrigin + performance.now();
      wall = Date.now();
    }
    samples.push(wall - hr);
  }
  return samples.sort((a, b) => a - b)[4]!;
}

const offset = wallOffset();
const count = Number(process.argv[2] ?? 0);
const sim = await startSimulator({
  token: BENCH_TOKEN,
  style: 'core',
  port: 0,
  entities: [...demoEntities(), ...benchEntities(count)],
  areas: demoAreas(),
  labels: demoLabels(),
  devices: demoDevices(),
  now: () => performance.timeOrigin + performance.now() + offset,
});

const send = (reply: SimReply): void => void process.send!(reply);

process.on('message', (message: SimRequest) => {
  if (message.type === 'close') {
    void sim.close().then(() => process.exit(0));
    return;
  }
  const calls = sim.calls.slice(message.since).map((c) => ({
    at: c.at,
    service: `${c.domain}.${c.service}`,
    entity: String((c.target?.entity_id as string[] | undefined)?.[0] ?? (c.service_data.entity_id as string | undefined) ?? ''),
  }));
  send({ type: 'calls', calls, next: sim.calls.length });
});
send({ type: 'ready', url: sim.url });
