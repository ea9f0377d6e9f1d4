import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  almanacDevicePayloads, almanacStateMessages, discoveryPayloads, removalMessages, RUN_STATUSES, stateMessages,
  type DiscoveryContext,
} from '../../server/src/mqtt/discovery.js';
import type { ScheduleView } from '../../server/src/mqtt/ports.js';
import { stableStringify } from '../../server/src/mqtt/stable-json.js';
import { parseTopic, topicId } from '../../server/src/mqtt/topics.js';
import { makeSchedule } from './support/engine-double.js';

const ctx: DiscoveryContext = { prefix: 'homeassistant', nodeId: 'almanac', version: '1.2.3', panelUrl: 'homeassistant://hassio/ingress/almanac' };

function view(overrides: Parameters<typeof makeSchedule>[1] = {}, extra: Partial<ScheduleView> = {}): ScheduleView {
  return { schedule: makeSchedule('s1', { name: 'Shelf 1 lights', ...overrides }), state: 'enabled', running: false, ...extra };
}

function config(v: ScheduleView): Record<string, any> {
  const [message] = discoveryPayloads(v, ctx);
  return JSON.parse(message!.payload);
}

test('a schedule is one device discovery message on a topic named after its id', () => {
  const messages = discoveryPayloads(view(), ctx);
  assert.is(messages.length, 1);
  assert.is(messages[0]!.topic, 'homeassistant/device/almanac_s1/config');
});

test('the device block names the schedule and links to the Almanac device and the panel', () => {
  assert.equal(config(view()).device, {
    identifiers: ['almanac_s1'],
    name: 'Shelf 1 lights',
    manufacturer: 'Almanac',
    model: 'Schedule',
    sw_version: '1.2.3',
    via_device: 'almanac',
    configuration_url: 'homeassistant://hassio/ingress/almanac',
  });
  assert.is(config(view({ duration_seconds: 3600 })).device.model, 'Window');
});

test('origin and availability on the last-will topic are set for the whole device', () => {
  const payload = config(view());
  assert.equal(payload.origin, { name: 'Almanac', sw_version: '1.2.3' });
  assert.equal(payload.availability, [{ topic: 'almanac/availability' }]);
  // HA subscribes at its default QoS 0, which a broker never queues or drops (see discovery.ts).
  assert.is(payload.qos, undefined);
});

test('five entities with stable unique ids and HA-style names', () => {
  const components = config(view()).components;
  const summary = Object.fromEntries(Object.entries<any>(components).map(([key, c]) => [key, [c.platform, c.unique_id, c.name]]));
  assert.equal(summary, {
    enabled: ['switch', 'almanac_s1_enabled', 'Enabled'],
    run_now: ['button', 'almanac_s1_run_now', 'Run now'],
    next_run: ['sensor', 'almanac_s1_next_run', 'Next run'],
    last_result: ['sensor', 'almanac_s1_last_result', 'Last result'],
    running: ['binary_sensor', 'almanac_s1_running', 'Running'],
  });
});

test('switch and button use their own command topics, never retained', () => {
  const { enabled, run_now } = config(view()).components;
  assert.is(enabled.command_topic, 'almanac/schedule/s1/enabled/set');
  assert.is(enabled.state_topic, 'almanac/schedule/s1/state');
  assert.is(enabled.payload_on, 'ON');
  assert.is(enabled.payload_off, 'OFF');
  assert.is(enabled.retain, undefined);
  assert.is(run_now.command_topic, 'almanac/schedule/s1/run/set');
  assert.is(run_now.payload_press, 'PRESS');
});

test('next run is a timestamp sensor and last result an enum of every run status', () => {
  const { next_run, last_result, running } = config(view()).components;
  assert.is(next_run.device_class, 'timestamp');
  assert.is(next_run.value_template, '{{ value_json.next_run }}');
  assert.is(last_result.device_class, 'enum');
  assert.equal(last_result.options, ['queued', 'running', 'success', 'failed', 'skipped', 'missed', 'overridden', 'interrupted']);
  assert.equal(last_result.options, RUN_STATUSES);
  assert.is(running.device_class, 'running');
});

test('the same schedule gives the same bytes; a rename changes only the device name', () => {
  assert.is(discoveryPayloads(view(), ctx)[0]!.payload, discoveryPayloads(view(), ctx)[0]!.payload);
  const before = config(view());
  const after = config(view({ name: 'Shelf 1 grow lights' }));
  assert.is(after.device.name, 'Shelf 1 grow lights');
  assert.equal({ ...after, device: before.device }, before);
});

test('state changes (next run, last status) do not change the config', () => {
  const a = discoveryPayloads(view(), ctx)[0]!.payload;
  const b = discoveryPayloads(view({ next_run_at: 0, last_status: 'failed', run_count: 9 }, { running: true, state: 'failing' }), ctx)[0]!.payload;
  assert.is(a, b);
});

test('the state message carries every entity value, ISO instants and None for unknown', () => {
  const [message] = stateMessages(view({ next_run_at: Date.UTC(2026, 2, 29, 1, 0), last_status: 'success', tags: ['veg'] }, { running: true }), ctx);
  assert.is(message!.topic, 'almanac/schedule/s1/state');
  assert.equal(JSON.parse(message!.payload), {
    enabled: 'ON',
    next_run: '2026-03-29T01:00:00.000Z',
    last_result: 'success',
    running: 'ON',
    attributes: { state: 'enabled', paused_until: null, last_run: null, run_count: 0, consecutive_failures: 0, tags: ['veg'] },
  });
  const unknown = JSON.parse(stateMessages(view({ enabled: false, next_run_at: null }), ctx)[0]!.payload);
  assert.is(unknown.enabled, 'OFF');
  assert.is(unknown.next_run, null);
  assert.is(unknown.last_result, null);
});

test('removal clears the state topic, then the config topic, with empty payloads', () => {
  assert.equal(removalMessages('s1', ctx), [
    { topic: 'almanac/schedule/s1/state', payload: '' },
    { topic: 'homeassistant/device/almanac_s1/config', payload: '' },
  ]);
});

test('the Almanac device has six sensors and the dry-run switch', () => {
  const [message] = almanacDevicePayloads(ctx);
  assert.is(message!.topic, 'homeassistant/device/almanac/config');
  const payload = JSON.parse(message!.payload);
  assert.equal(payload.device.identifiers, ['almanac']);
  assert.is(payload.device.name, 'Almanac');
  const summary = Object.fromEntries(Object.entries<any>(payload.components).map(([key, c]) => [key, [c.platform, c.unique_id, c.name]]));
  assert.equal(summary, {
    active_schedules: ['sensor', 'almanac_active_schedules', 'Active schedules'],
    failing_schedules: ['sensor', 'almanac_failing_schedules', 'Failing schedules'],
    runs_24h: ['sensor', 'almanac_runs_24h', 'Runs (last 24 h)'],
    failures_24h: ['sensor', 'almanac_failures_24h', 'Failures (last 24 h)'],
    next_run: ['sensor', 'almanac_next_run', 'Next run'],
    ha_connection: ['binary_sensor', 'almanac_ha_connection', 'Home Assistant connection'],
    dry_run: ['switch', 'almanac_dry_run', 'Dry run'],
  });
  assert.is(payload.components.next_run.device_class, 'timestamp');
  assert.is(payload.components.ha_connection.device_class, 'connectivity');
  assert.is(payload.components.dry_run.command_topic, 'almanac/dry_run/set');
  assert.is(payload.components.dry_run.entity_category, 'config');
});

test('the Almanac state message maps the stats', () => {
  const [message] = almanacStateMessages(
    { active_schedules: 3, failing_schedules: 1, runs_24h: 40, failures_24h: 2, next_run_at: 0, ha_connected: false, dry_run: true },
    ctx,
  );
  assert.is(message!.topic, 'almanac/state');
  assert.equal(JSON.parse(message!.payload), {
    active_schedules: 3, failing_schedules: 1, runs_24h: 40, failures_24h: 2, next_run: '1970-01-01T00:00:00.000Z', ha_connected: 'OFF', dry_run: 'ON',
  });
});

test('the discovery prefix is configurable', () => {
  const [message] = discoveryPayloads(view(), { ...ctx, prefix: 'site/ha' });
  assert.is(message!.topic, 'site/ha/device/almanac_s1/config');
});

test('ids with characters HA rejects in topics get a stable, distinct topic id', () => {
  assert.is(topicId('0b7c6a1e-4f3d-4c1e-9a53-2a1f3c4d5e6f'), '0b7c6a1e-4f3d-4c1e-9a53-2a1f3c4d5e6f');
  const odd = topicId('shelf 1/lights');
  assert.match(odd, /^shelf_1_lights_[0-9a-f]{12}$/);
  assert.is(topicId('shelf 1/lights'), odd);
  assert.is.not(topicId('shelf_1/lights'), odd);
  assert.is(topicId(odd), odd);
});

test('inbound topics are decoded', () => {
  assert.equal(parseTopic('homeassistant/status', 'homeassistant'), { kind: 'ha_status' });
  assert.equal(parseTopic('almanac/schedule/s1/enabled/set', 'homeassistant'), { kind: 'enabled', tid: 's1' });
  assert.equal(parseTopic('almanac/schedule/s1/run/set', 'homeassistant'), { kind: 'run', tid: 's1' });
  assert.equal(parseTopic('almanac/dry_run/set', 'homeassistant'), { kind: 'dry_run' });
  assert.equal(parseTopic('homeassistant/device/almanac_s1/config', 'homeassistant'), { kind: 'schedule_config', tid: 's1' });
  assert.equal(parseTopic('homeassistant/device/almanac/config', 'homeassistant'), { kind: 'other' });
  assert.equal(parseTopic('homeassistant/device/zigbee_1/config', 'homeassistant'), { kind: 'other' });
  assert.equal(parseTopic('almanac/schedule/s1/state', 'homeassistant'), { kind: 'other' });
  assert.equal(parseTopic('almanac/schedule/s1/enabled/set/x', 'homeassistant'), { kind: 'other' });
});

test('stable stringify sorts keys at every level and drops undefined', () => {
  assert.is(stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[{"y":2,"z":1}]},"b":1}');
});

test.run();
