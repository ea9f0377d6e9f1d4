/**
 * Sequential watering in real time against the HA simulator: the pumps' on/off intervals in the
 * simulator's own call log never overlap, also when the Almanac process is killed (SIGKILL, a
 * real process and a real SQLite file) while one pump waters and two wait. Short windows only.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RecordedCall } from '../../server/src/ha/simulator/index.js';
import { startAlmanac, waitFor } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'e2e-token';
const PUMPS = ['switch.shelf_1_pump', 'switch.water_pump_main', 'switch.garden_sprinkler'];

const soon = (ms: number): string => new Date(Date.now() + ms).toISOString();

/** Each switch's on/off intervals from the simulator's call log. */
function intervals(calls: RecordedCall[]): { entity: string; on: number; off: number }[] {
  const open = new Map<string, number>();
  const out: { entity: string; on: number; off: number }[] = [];
  for (const call of calls.filter((c) => c.domain === 'switch')) {
    const ids = ([] as string[]).concat((call.target?.entity_id as string | string[] | undefined) ?? (call.service_data.entity_id as string | string[] | undefined) ?? []);
    for (const entity of ids) {
      if (call.service === 'turn_on') open.set(entity, call.at);
      if (call.service === 'turn_off' && open.has(entity)) {
        out.push({ entity, on: open.get(entity)!, off: call.at });
        open.delete(entity);
      }
    }
  }
  return out.sort((a, b) => a.on - b.on);
}

function assertSequential(list: { entity: string; on: number; off: number }[]): void {
  for (let i = 1; i < list.length; i += 1) {
    assert.ok(list[i]!.on >= list[i - 1]!.off, `${list[i]!.entity} went on before ${list[i - 1]!.entity} went off`);
  }
}

const watering = (name: string, entity: string, at: string, priority: number) => ({
  name, trigger: { type: 'once', at }, target: { entity_id: [entity] }, action: { type: 'on' }, duration_seconds: 2, priority, policy: { lock: 'water-main' },
});

test('three waterings due at one instant: the simulator sees the pumps one after another', async () => {
  const a = await startAlmanac();
  try {
    await waitFor(() => a.almanac.ha.status().state === 'connected' && a.almanac.ha.entities().length > 0, 'HA ready', 10_000);
    const http = api(a.url);
    const at = soon(1_500);
    const entities = PUMPS;
    for (const [i, entity] of entities.entries()) assert.is((await http.post('/api/schedules', watering(`water ${i}`, entity, at, 10 - i))).status, 201);
    await waitFor(() => intervals(a.sim.calls).length === 3, 'three waterings', 12_000);
    const list = intervals(a.sim.calls);
    assert.equal(list.map((w) => w.entity), entities);
    assertSequential(list);
    for (const w of list) assert.ok(w.off - w.on >= 1_900, `${w.entity} watered ${w.off - w.on} ms`);
  } finally {
    await a.close();
  }
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Almanac as its own process (standalone mode against the test's simulator). */
function spawnAlmanac(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warning' }, stdio: ['ignore', 'ignore', 'inherit'],
  });
}

test('kill -9 while one pump waters and two wait: after the restart no overlap, no repeat, every end runs', async () => {
  const sim = await startSimulator({ token: TOKEN, style: 'core' });
  const dataDir = mkdtempSync(join(tmpdir(), 'almanac-locks-'));
  const port = await freePort();
  const env = { HA_URL: sim.url, HA_TOKEN: TOKEN, DATA_DIR: dataDir, PORT: String(port) };
  const http = api(`http://127.0.0.1:${port}`);
  const healthy = () => waitFor(async () => {
    try {
      return (await http.get('/api/health')).json?.ha?.state === 'connected';
    } catch {
      return false;
    }
  }, 'Almanac up and connected', 20_000);
  let child = spawnAlmanac(env);
  try {
    await healthy();
    const at = soon(2_000);
    for (const [i, entity] of PUMPS.entries()) assert.is((await http.post('/api/schedules', watering(`water ${i}`, entity, at, 10 - i))).status, 201);
    await waitFor(() => sim.getState(PUMPS[0]!)?.state === 'on', 'the first pump on', 8_000);
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    child = spawnAlmanac(env);
    await healthy();
    await waitFor(() => intervals(sim.calls).length === 3, 'all three waterings', 20_000);
    const list = intervals(sim.calls);
    assert.equal(list.map((w) => w.entity), PUMPS);
    assertSequential(list);
    assert.is(sim.calls.filter((c) => c.domain === 'switch' && c.service === 'turn_on').length, 3, 'no pump was switched on twice');
    assert.ok(PUMPS.every((p) => sim.getState(p)?.state === 'off'), 'every pump is off at the end');
    const runs = (await http.get('/api/runs?lock=water-main')).json.items as { status: string; waited_ms: number | null }[];
    assert.equal(runs.map((r) => r.status).sort(), ['success', 'success', 'success']);
  } finally {
    child.kill('SIGKILL');
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
