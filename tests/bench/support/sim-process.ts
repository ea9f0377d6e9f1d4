/**
 * The HA simulator in a process of its own, for benchmarks of a built Almanac: the server under
 * test shares nothing with it but a WebSocket, as with a real HA. Started with `fork` (IPC); it
 * answers `{ type: 'calls', since }` with the service calls received since that index, each with
 * the instant HA received it, read from a sub-millisecond clock (the lateness of a fire is measured
 * where it matters: on HA's side of the socket).
 *
 * Before it says it is ready it warms its call path up (see `warmUp`): HA on a user's machine
 * has been running for days, while a simulator process started a second ago runs its handlers
 * unoptimized for the first few hundred calls, which would count against Almanac.
 */
import { performance } from 'node:perf_hooks';
import { BENCH_TOKEN, benchSwitch, type SimReply, type SimRequest } from './sim-protocol.js';
import { openRawSocket } from '../../helpers/ha-sim.js';
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

/** Frames of calls the warm-up sends: measured, V8 has optimized the call path after about three. */
const WARM_UP_FRAMES = 6;
const WARM_UP_CALLS = 200;

/**
 * Drives `WARM_UP_FRAMES` frames of switch calls through the simulator from a client of its own,
 * with an entity subscription (the path Almanac's calls take: parse, call, state change, event,
 * result), leaves every switch as it was seeded (off) and forgets the calls.
 */
async function warmUp(): Promise<void> {
  if (count === 0) return;
  const raw = await openRawSocket(sim, { token: BENCH_TOKEN });
  let id = 0;
  // As Almanac does: answers coalesced into JSON-array frames, and the entities subscribed to.
  raw.send({ type: 'supported_features', features: { coalesce_messages: 1 }, id: ++id });
  raw.send({ type: 'subscribe_entities', id: ++id });
  for (let frame = 0; frame < WARM_UP_FRAMES; frame++) {
    // Even frames turn on, odd ones off: the last (odd) leaves every switch off, as seeded.
    const service = frame % 2 === 0 ? 'turn_on' : 'turn_off';
    // Keys in the order home-assistant-js-websocket writes them (`id` last): JSON.parse gives
    // objects of one shape per key order, and V8 optimizes the handlers for the shapes it sees.
    raw.send(Array.from({ length: Math.min(count, WARM_UP_CALLS) }, (_, i) => ({ type: 'call_service', domain: 'switch', service, target: { entity_id: [benchSwitch(i)] }, id: ++id })));
    const last = id;
    await raw.next((m) => m.type === 'result' && m.id === last);
  }
  await raw.close();
  sim.calls.splice(0);
}

await warmUp();

const send = (reply: SimReply): void => void process.send!(reply);

// The benchmark that started it is gone (finished, killed, crashed): so is the simulator.
process.on('disconnect', () => void sim.close().finally(() => process.exit(0)));

process.on('message', (message: SimRequest) => {
  if (message.type === 'close') {
    void sim.close().then(() => process.exit(0));
    return;
  }
  const calls = sim.calls.slice(message.since).map((c) => ({
    at: c.at,
    read_at: c.read_at,
    service: `${c.domain}.${c.service}`,
    entity: String((c.target?.entity_id as string[] | undefined)?.[0] ?? (c.service_data.entity_id as string | undefined) ?? ''),
  }));
  send({ type: 'calls', calls, next: sim.calls.length });
});
send({ type: 'ready', url: sim.url });
