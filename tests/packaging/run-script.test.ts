/**
 * End to end: the s6 `run` script, started as s6-overlay would start it in the add-on container
 * (through a bashio stand-in, see run-script.ts), with a simulated Supervisor environment:
 * SUPERVISOR_URL served by the HA simulator in Supervisor style, SUPERVISOR_TOKEN, and a
 * DATA_DIR holding options.json. These tests wait in real time for a real server to come up.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { HealthDto } from '../../server/src/api/types.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { ensureBuilt } from './build-outputs.js';
import { dataDirWith, freePort, healthAt, startRunScript, type RunningScript } from './run-script.js';

const TOKEN = 'supervisor-token-for-tests';
/** A cold Node start plus the first migration; generous for a loaded CI machine. */
const START_DEADLINE_MS = 60_000;
const POLL_EVERY_MS = 100;
/** Exit code main.ts uses for a configuration it refuses. */
const EXIT_CONFIG_ERROR = 2;

/** Polls /api/health until HA shows as connected; fails with the script's output otherwise. */
async function waitUntilConnected(script: RunningScript, port: number): Promise<HealthDto> {
  const deadline = Date.now() + START_DEADLINE_MS;
  let last: HealthDto | undefined;
  let ended = false;
  void script.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    last = await healthAt(port);
    if (last?.ha.state === 'connected') return last;
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  throw new Error(`server not connected to HA (${ended ? 'the process exited' : 'timed out'}; last health ${JSON.stringify(last)}):\n${script.output()}`);
}

/** The script execs the built server; build it first if the sources changed (a no-op otherwise). */
function assertBuilt(): void {
  const failure = ensureBuilt();
  assert.ok(failure === undefined, failure);
}

test('the run script starts a healthy server under a simulated Supervisor and stops cleanly on SIGTERM', async () => {
  assertBuilt();
  const simulator = await startSimulator({ port: 0, token: TOKEN, style: 'supervisor' });
  const data = dataDirWith({ log_level: 'debug', mqtt_enabled: false, history_days: 30 });
  const port = await freePort();
  const script = startRunScript({
    SUPERVISOR_TOKEN: TOKEN,
    SUPERVISOR_URL: `http://127.0.0.1:${simulator.port}`,
    DATA_DIR: data.dir,
    PORT: String(port),
  });
  try {
    const status = await waitUntilConnected(script, port);
    assert.is(status.mode, 'supervisor');
    assert.ok(status.db.ok);
    assert.match(script.output(), '[bashio] log level debug');
    // `almanac check` opens the log: one line per check, all fine here, before the server starts.
    const log = script.output();
    for (const line of [/^ok {3}options +supervisor mode, .*options\.json$/m, /^ok {3}database +not created yet/m, /^ok {3}home assistant +Home Assistant [\d.]+ at ws:\/\/127\.0\.0\.1:\d+\/core\/api\/websocket, token accepted$/m, /^ok {3}mqtt +off: /m]) {
      assert.match(log, line);
    }
    assert.ok(log.indexOf('ok   options') < log.indexOf('[bashio] Starting Almanac...'), log);
    assert.not.match(log, 'WARNING');
    script.child.kill('SIGTERM');
    assert.is(await script.exited, 0, script.output());
  } finally {
    await script.close();
    await simulator.close();
    data.dispose();
  }
});

test('an invalid option stops the server with a message naming the option', async () => {
  assertBuilt();
  const data = dataDirWith({ history_days: 0 });
  const script = startRunScript({ SUPERVISOR_TOKEN: TOKEN, SUPERVISOR_URL: 'http://127.0.0.1:9', DATA_DIR: data.dir, PORT: String(await freePort()) });
  try {
    assert.is(await script.exited, EXIT_CONFIG_ERROR, script.output());
    assert.match(script.output(), 'options.history_days: must be at least 1');
    // The check said it first, and the start went on to the server's own refusal.
    assert.match(script.output(), /^FAIL options +options\.history_days: must be at least 1/m);
    assert.match(script.output(), '[bashio] WARNING almanac check found a problem');
  } finally {
    await script.close();
    data.dispose();
  }
});

test.run();
