import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceCallError } from '../../server/src/engine/ports.js';
import { rejection, startHaPair, waitForEntity, waitForStatus, type HaPair } from '../helpers/ha-sim.js';

async function failure(pair: HaPair, ...args: Parameters<HaPair['client']['callService']>): Promise<ServiceCallError> {
  const error = await rejection(pair.client.callService(...args));
  assert.instance(error, ServiceCallError);
  return error as ServiceCallError;
}

test('a service call changes the state, reports the context and is recorded by the simulator', async () => {
  const pair = await startHaPair();
  try {
    const result = await pair.client.callService({ domain: 'light', service: 'turn_on', target: { entity_id: ['light.grow_shelf_1'] }, data: { brightness_pct: 40, transition: 2 } });
    assert.is(result.context.id.length, 26);
    assert.is(result.context.parent_id, null);
    assert.type(result.context.user_id, 'string');
    assert.not.ok('response' in result);
    const light = await waitForEntity(pair.client, 'light.grow_shelf_1', (s) => s?.state === 'on');
    assert.is(light?.attributes.brightness, 102);
    const call = pair.sim.calls.at(-1)!;
    assert.equal(
      { domain: call.domain, service: call.service, service_data: call.service_data, target: call.target, outcome: call.outcome },
      { domain: 'light', service: 'turn_on', service_data: { brightness_pct: 40, transition: 2 }, target: { entity_id: ['light.grow_shelf_1'] }, outcome: 'success' },
    );
  } finally {
    await pair.close();
  }
});

test('return_response brings back the script response', async () => {
  const pair = await startHaPair({
    sim: { entities: [{ entity_id: 'script.report', state: 'off', attributes: {}, script: { run_ms: 1, response: { level: 42 } } }] },
  });
  try {
    const result = await pair.client.callService({ domain: 'script', service: 'report', return_response: true });
    assert.equal(result.response, { level: 42 });
  } finally {
    await pair.close();
  }
});

test('an unknown service is a permanent not_found with HA text', async () => {
  const pair = await startHaPair();
  try {
    const error = await failure(pair, { domain: 'light', service: 'blink', target: { entity_id: ['light.grow_shelf_1'] } });
    assert.is(error.kind, 'permanent');
    assert.is(error.code, 'not_found');
    assert.is(error.message, 'Service light.blink not found.');
  } finally {
    await pair.close();
  }
});

test('an out-of-range brightness_pct is a permanent invalid_format', async () => {
  const pair = await startHaPair();
  try {
    const error = await failure(pair, { domain: 'light', service: 'turn_on', target: { entity_id: ['light.grow_shelf_1'] }, data: { brightness_pct: 150 } });
    assert.is(error.kind, 'permanent');
    assert.is(error.code, 'invalid_format');
    assert.is(error.message, "value must be at most 100 at 'brightness_pct'");
  } finally {
    await pair.close();
  }
});

test('an older HA words schema errors the voluptuous way', async () => {
  const pair = await startHaPair({ sim: { haVersion: '2025.6.1' } });
  try {
    const error = await failure(pair, { domain: 'light', service: 'turn_on', target: { entity_id: ['light.grow_shelf_1'] }, data: { brightness_pct: 150 } });
    assert.is(error.message, "value must be at most 100 for dictionary value @ data['brightness_pct']");
  } finally {
    await pair.close();
  }
});

test('a number outside its range is a permanent service_validation_error', async () => {
  const pair = await startHaPair();
  try {
    const error = await failure(pair, { domain: 'number', service: 'set_value', target: { entity_id: ['number.reef_pump_speed'] }, data: { value: 140 } });
    assert.is(error.kind, 'permanent');
    assert.is(error.code, 'service_validation_error');
    assert.match(error.message, /^Validation error: /);
    assert.is(pair.sim.getState('number.reef_pump_speed')?.state, '60.0');
  } finally {
    await pair.close();
  }
});

test('an injected transient failure is retried successfully', async () => {
  const pair = await startHaPair();
  try {
    pair.sim.faults.failNext('switch.turn_on', 1, { code: 'timeout', message: 'Timeout' });
    const error = await failure(pair, { domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.water_pump_main'] } });
    assert.is(error.kind, 'transient');
    assert.is(error.code, 'timeout');
    await pair.client.callService({ domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.water_pump_main'] } });
    assert.equal(pair.sim.calls.map((c) => c.outcome), ['timeout', 'success']);
  } finally {
    await pair.close();
  }
});

test('a device failure (home_assistant_error) is permanent while HA is running', async () => {
  const pair = await startHaPair();
  try {
    pair.sim.faults.failNext('switch.turn_on', 1);
    const error = await failure(pair, { domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.water_pump_main'] } });
    assert.is(error.kind, 'permanent');
    assert.is(error.code, 'home_assistant_error');
  } finally {
    await pair.close();
  }
});

test('home_assistant_error while HA is still starting is transient', async () => {
  const pair = await startHaPair({ sim: { config: { state: 'STARTING' } } });
  try {
    pair.sim.faults.failNext('switch.turn_on', 1);
    const error = await failure(pair, { domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.water_pump_main'] } });
    assert.is(error.kind, 'transient');
  } finally {
    await pair.close();
  }
});

test('a result slower than the timeout is a transient timeout, and the client stays usable', async () => {
  const pair = await startHaPair({ client: { callTimeoutMs: 30 } });
  try {
    pair.sim.faults.delayResults(300);
    const error = await failure(pair, { domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.shelf_1_pump'] } });
    assert.is(error.kind, 'transient');
    assert.is(error.code, 'timeout');
    pair.sim.faults.delayResults(0);
    const result = await pair.client.callService({ domain: 'switch', service: 'turn_off', target: { entity_id: ['switch.shelf_1_pump'] } }, { timeoutMs: 2_000 });
    assert.is(result.context.id.length, 26);
    assert.is(pair.client.status().state, 'connected');
  } finally {
    await pair.close();
  }
});

test('a call in flight when the connection drops is a transient connection_lost; HA still runs it', async () => {
  const pair = await startHaPair();
  try {
    pair.sim.faults.delayResults(100);
    const pending = rejection(pair.client.callService({ domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.reef_dosing_pump'] } }));
    await waitForCall(pair);
    pair.sim.faults.dropConnections();
    const error = (await pending) as ServiceCallError;
    assert.is(error.kind, 'transient');
    assert.is(error.code, 'connection_lost');
    const dosing = await waitForEntity(pair.client, 'switch.reef_dosing_pump', (s) => s?.state === 'on');
    assert.is(dosing?.state, 'on');
  } finally {
    await pair.close();
  }
});

test('calls started in one batch leave in one frame, in order, each with its own answer', async () => {
  const pair = await startHaPair();
  try {
    const lights = ['light.grow_shelf_1', 'light.grow_shelf_2', 'light.reef_blue'];
    const before = pair.sim.calls.length;
    const pending = pair.client.batch(() => lights.map((id) => pair.client.callService({ domain: 'light', service: 'turn_on', target: { entity_id: [id] } })));
    const results = await Promise.all(pending);
    assert.is(pair.sim.stats.batchedFrames, 1, 'one frame holding the three commands');
    assert.equal(pair.sim.calls.slice(before).map((c) => c.target?.entity_id), lights.map((id) => [id]));
    assert.is(new Set(results.map((r) => r.context.id)).size, 3, 'each call its own answer');
    // A refusal inside a batch is that call's alone.
    const mixed = pair.client.batch(() => [
      rejection(pair.client.callService({ domain: 'light', service: 'blink', target: { entity_id: ['light.reef_white'] } })),
      pair.client.callService({ domain: 'light', service: 'turn_off', target: { entity_id: ['light.reef_blue'] } }),
    ]);
    const [refused, done] = await Promise.all(mixed);
    assert.is((refused as ServiceCallError).code, 'not_found');
    assert.is((done as { context: { id: string } }).context.id.length, 26);
    assert.is(pair.sim.stats.batchedFrames, 2);
  } finally {
    await pair.close();
  }
});

test('an HA too old to split a frame of commands gets each call of a batch in a frame of its own', async () => {
  const pair = await startHaPair({ sim: { haVersion: '2022.6.0' } });
  try {
    const pending = pair.client.batch(() => ['light.grow_shelf_1', 'light.grow_shelf_2'].map((id) => pair.client.callService({ domain: 'light', service: 'turn_on', target: { entity_id: [id] } })));
    await Promise.all(pending);
    assert.is(pair.sim.stats.batchedFrames, 0);
  } finally {
    await pair.close();
  }
});

test('a call while disconnected fails at once as transient not_connected', async () => {
  const pair = await startHaPair();
  try {
    pair.sim.faults.rejectAuth(true);
    const away = waitForStatus(pair.client, 'auth_failed');
    pair.sim.faults.dropConnections();
    await away;
    const error = await failure(pair, { domain: 'switch', service: 'turn_on', target: { entity_id: ['switch.water_pump_main'] } });
    assert.is(error.kind, 'transient');
    assert.is(error.code, 'not_connected');
  } finally {
    await pair.close();
  }
});

/** Resolves once the simulator has received a call (it is then "running" in HA). */
async function waitForCall(pair: HaPair): Promise<void> {
  while (pair.sim.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
}

test.run();
