import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type HaSimulator } from '../../server/src/ha/simulator/index.js';
import { TEST_TOKEN, openRawSocket, type RawSocket } from '../helpers/ha-sim.js';

async function withSocket(fn: (raw: RawSocket, sim: HaSimulator) => Promise<void>, style: 'core' | 'supervisor' = 'supervisor'): Promise<void> {
  const sim = await startSimulator({ token: TEST_TOKEN, style });
  const raw = await openRawSocket(sim);
  try {
    await fn(raw, sim);
  } finally {
    await raw.close();
    await sim.close();
  }
}

const byId = (id: number) => (m: Record<string, unknown>) => m.id === id && m.type !== 'event';

test('envelope errors: bad format, id reuse, unknown command (which does not advance the id)', () =>
  withSocket(async (raw) => {
    raw.send({ type: 'ping' });
    assert.equal(await raw.next(), { id: 0, type: 'result', success: false, error: { code: 'invalid_format', message: 'Message incorrectly formatted.' } });
    raw.send({ id: 5, type: 'ping' });
    assert.equal(await raw.next(byId(5)), { id: 5, type: 'pong' });
    raw.send({ id: 5, type: 'ping' });
    assert.equal((await raw.next(byId(5))).error, { code: 'id_reuse', message: 'Identifier values have to increase.' });
    raw.send({ id: 9, type: 'no_such_command' });
    assert.equal((await raw.next(byId(9))).error, { code: 'unknown_command', message: 'Unknown command.' });
    raw.send({ id: 9, type: 'ping' });
    assert.equal(await raw.next(byId(9)), { id: 9, type: 'pong' });
  }));

test('a command with a bad schema is invalid_format with the voluptuous text', () =>
  withSocket(async (raw) => {
    raw.send({ id: 3, type: 'call_service', service: 'turn_on' });
    const answer = await raw.next(byId(3));
    assert.equal(answer.error, { code: 'invalid_format', message: "required key not provided @ data['domain']. Got None" });
  }));

test('the Supervisor answers supervisor/ and hassio/ commands itself with unauthorized', () =>
  withSocket(async (raw) => {
    raw.send({ id: 3, type: 'supervisor/api', endpoint: '/info', method: 'get' });
    assert.equal((await raw.next(byId(3))).error, { code: 'unauthorized', message: 'Unauthorized' });
  }));

test('unsubscribing an unknown subscription is not_found', () =>
  withSocket(async (raw) => {
    raw.send({ id: 3, type: 'unsubscribe_events', subscription: 77 });
    assert.equal((await raw.next(byId(3))).error, { code: 'not_found', message: 'Subscription not found.' });
  }));

test('subscribe_entities sends the compressed snapshot, then diffs with lc/lu and context', () =>
  withSocket(async (raw, sim) => {
    raw.send({ id: 3, type: 'subscribe_entities', entity_ids: ['switch.water_pump_main', 'sensor.grow_tent_temperature'] });
    assert.equal(await raw.next(byId(3)), { id: 3, type: 'result', success: true, result: null });
    const snapshot = (await raw.next((m) => m.type === 'event')).event as { a: Record<string, Record<string, unknown>> };
    assert.equal(Object.keys(snapshot.a).sort(), ['sensor.grow_tent_temperature', 'switch.water_pump_main']);
    assert.is(snapshot.a['switch.water_pump_main']!.s, 'off');
    assert.type(snapshot.a['switch.water_pump_main']!.lc, 'number');
    assert.type(snapshot.a['switch.water_pump_main']!.c, 'string');
    raw.send({ id: 4, type: 'call_service', domain: 'switch', service: 'turn_on', target: { entity_id: 'switch.water_pump_main' } });
    const diff = (await raw.next((m) => m.type === 'event')).event as { c: Record<string, { '+': Record<string, unknown> }> };
    const added = diff.c['switch.water_pump_main']!['+'];
    assert.is(added.s, 'on');
    assert.type(added.lc, 'number');
    assert.is((added.c as { user_id: string }).user_id.length, 32);
    const result = await raw.next(byId(4));
    assert.is((result.result as { context: { id: string } }).context.id, (added.c as { id: string }).id);
    const old = sim.getState('sensor.grow_tent_temperature')!;
    sim.setState('sensor.grow_tent_temperature', old.state, { ...old.attributes, battery: 80 });
    const attributeOnly = (await raw.next((m) => m.type === 'event')).event as { c: Record<string, { '+': Record<string, unknown> }> };
    const plus = attributeOnly.c['sensor.grow_tent_temperature']!['+'];
    assert.equal(Object.keys(plus).sort(), ['a', 'c', 'lu']);
    assert.equal(plus.a, { battery: 80 });
  }));

test('state_changed events carry full old and new states in HA format', () =>
  withSocket(async (raw, sim) => {
    raw.send({ id: 3, type: 'subscribe_events', event_type: 'state_changed' });
    await raw.next(byId(3));
    sim.setState('input_boolean.vacation_mode', 'on');
    const event = (await raw.next((m) => m.type === 'event')).event as Record<string, any>;
    assert.is(event.event_type, 'state_changed');
    assert.is(event.origin, 'LOCAL');
    assert.is(event.data.old_state.state, 'off');
    assert.is(event.data.new_state.state, 'on');
    assert.match(event.data.new_state.last_changed, /\+00:00$/);
    assert.is(event.context.id.length, 26);
  }));

test('with coalescing on, messages queued together arrive as one JSON array frame', () =>
  withSocket(async (raw) => {
    raw.send({ id: 1, type: 'supported_features', features: { coalesce_messages: 1 } });
    await raw.next(byId(1));
    raw.send([
      { id: 2, type: 'ping' },
      { id: 3, type: 'ping' },
    ]);
    await raw.next(byId(3));
    assert.ok(raw.frames.some((f) => Array.isArray(f) && f.length === 2));
  }));

test('the calls of one frame share the instant their frame was read; each is stamped again when its handler runs', async () => {
  // A clock that moves a millisecond each time it is read: handlers that run one after another get later stamps.
  let tick = 1_000_000;
  const entities = ['switch.a', 'switch.b', 'switch.c'].map((entity_id) => ({ entity_id, state: 'off', attributes: {} }));
  const sim = await startSimulator({ token: TEST_TOKEN, style: 'core', entities, now: () => tick++ });
  const raw = await openRawSocket(sim);
  try {
    const call = (id: number, entity: string) => ({ id, type: 'call_service', domain: 'switch', service: 'turn_on', target: { entity_id: [entity] } });
    raw.send([call(1, 'switch.a'), call(2, 'switch.b'), call(3, 'switch.c')]);
    await raw.next(byId(3));
    raw.send(call(4, 'switch.a'));
    await raw.next(byId(4));
    const [a, b, c, again] = sim.calls;
    assert.is(a!.read_at, b!.read_at);
    assert.is(b!.read_at, c!.read_at);
    assert.ok(a!.at > a!.read_at && b!.at > a!.at && c!.at > b!.at, 'each handler ran after the frame was read, in order');
    assert.ok(again!.read_at > c!.at, 'the next frame was read later');
  } finally {
    await raw.close();
    await sim.close();
  }
});

test('get_services lists the simulated services with their fields', () =>
  withSocket(async (raw) => {
    raw.send({ id: 3, type: 'get_services' });
    const services = (await raw.next(byId(3))).result as Record<string, Record<string, any>>;
    assert.ok(services.light!.turn_on.fields.brightness_pct);
    assert.ok(services.fan!.set_percentage.fields.percentage.required);
    assert.ok(services.notify!.mobile_app_demo_phone);
    assert.equal(services.script!.morning_routine.response, { optional: true });
  }));

test('persistent_notification/subscribe sends the current list, then additions and removals', () =>
  withSocket(async (raw) => {
    raw.send({ id: 3, type: 'persistent_notification/subscribe' });
    await raw.next(byId(3));
    assert.equal((await raw.next((m) => m.type === 'event')).event, { type: 'current', notifications: {} });
    raw.send({ id: 4, type: 'call_service', domain: 'persistent_notification', service: 'create', service_data: { notification_id: 'n1', message: 'Hi' } });
    const added = (await raw.next((m) => m.type === 'event')).event as { type: string; notifications: Record<string, { message: string }> };
    assert.equal([added.type, added.notifications.n1?.message], ['added', 'Hi']);
    raw.send({ id: 5, type: 'call_service', domain: 'persistent_notification', service: 'dismiss', service_data: { notification_id: 'n1' } });
    assert.is(((await raw.next((m) => m.type === 'event')).event as { type: string }).type, 'removed');
  }));

test('with animate on, demo sensors drift and arrive as state changes', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN, animate: true, animateIntervalMs: 5 });
  const raw = await openRawSocket(sim);
  try {
    raw.send({ id: 3, type: 'subscribe_entities', entity_ids: ['sensor.shelf_1_soil_moisture'] });
    await raw.next((m) => m.type === 'event' && 'a' in (m.event as object));
    const change = (await raw.next((m) => m.type === 'event')).event as { c: Record<string, { '+': { s: string } }> };
    assert.ok(Number(change.c['sensor.shelf_1_soil_moisture']!['+'].s) < 38.5);
  } finally {
    await raw.close();
    await sim.close();
  }
});

test('REST: /api/ answers while up, 401 without the token, 502 while Core restarts', async () => {
  const sim = await startSimulator({ token: TEST_TOKEN });
  try {
    const headers = { Authorization: `Bearer ${TEST_TOKEN}` };
    const ok = await fetch(`${sim.url}/api/`, { headers });
    assert.equal(await ok.json(), { message: 'API running.' });
    assert.is((await fetch(`${sim.url}/api/`)).status, 401);
    const missing = await fetch(`${sim.url}/api/states/light.nope`, { headers });
    assert.equal([missing.status, await missing.json()], [404, { message: 'Entity not found.' }]);
    const restart = sim.faults.restart(0.1);
    const down = await fetch(`${sim.url}/api/`, { headers });
    assert.equal([down.status, await down.text()], [502, '502: Bad Gateway']);
    await restart;
    assert.is((await fetch(`${sim.url}/api/config`, { headers })).status, 200);
  } finally {
    await sim.close();
  }
});

test.run();
