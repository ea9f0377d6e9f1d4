/**
 * Maps schedules and Almanac's numbers to Home Assistant MQTT discovery messages and state
 * messages (STYLE §11, §13). Pure: the same input gives the same strings, so the bridge can skip
 * unchanged ones and tests can compare by value.
 *
 * Grouping: one HA device per schedule, linked to the "Almanac" device by `via_device`. A device
 * page then reads as the schedule itself (its switch, "Run now", next run, last result, running)
 * and renaming or deleting a schedule touches exactly one device. Tags and zones were the other
 * candidates, but a schedule has several tags (it would have to live on several devices) and many
 * schedules have no zone; HA areas and labels are the right tool for that grouping.
 *
 * It uses device-based discovery (HA 2024.11+, reference §7.2): one retained message per device,
 * so a schedule's five entities appear, change and disappear together. We publish at QoS 1, but
 * leave HA's subscriptions at its default QoS 0: a broker hands thousands of stored QoS 0 states
 * to a restarting HA at once, while it queues QoS 1 ones and drops them past a limit (Mosquitto's
 * max_queued_messages, 1,000 by default).
 */
import type { RunStatus } from '../domain/schedule.js';
import type { AlmanacStats, FeatureDevice, ScheduleView } from './ports.js';
import { stableStringify } from './stable-json.js';
import { topicId, topicsFor } from './topics.js';

export interface DiscoveryContext {
  /** HA's discovery prefix, `homeassistant` unless changed. */
  prefix: string;
  nodeId: string;
  /** Almanac's version, shown on the device page. */
  version: string;
  /** Where "Visit" on the device page leads (http(s):// or homeassistant://). */
  panelUrl?: string;
}

/** One MQTT message. An empty payload on a retained discovery topic deletes the entities. */
export interface MqttMessage {
  topic: string;
  payload: string;
}

const MANUFACTURER = 'Almanac';
const ON = 'ON';
const OFF = 'OFF';
/** HA's button default, sent explicitly so a future default cannot break "Run now". */
const PRESS = 'PRESS';

/** Every run status once: `satisfies` fails to compile when RunStatus gains or loses a value. */
const RUN_STATUS_KEYS = {
  queued: true, running: true, success: true, failed: true, skipped: true, missed: true, overridden: true, interrupted: true,
} satisfies Record<RunStatus, true>;
/** The options of the "Last result" enum sensor. */
export const RUN_STATUSES = Object.keys(RUN_STATUS_KEYS) as RunStatus[];

type Component = Record<string, unknown>;

/** A read-only entity showing one field of a JSON state topic. */
function reading(platform: string, uniqueId: string, name: string, stateTopic: string, field: string, extra: Component = {}): Component {
  return { platform, unique_id: uniqueId, name, ...extra, state_topic: stateTopic, value_template: `{{ value_json.${field} }}` };
}

/** A switch showing one field (ON/OFF) and commanded on its own, never retained, topic. */
function toggle(uniqueId: string, name: string, stateTopic: string, field: string, commandTopic: string, extra: Component = {}): Component {
  return { ...reading('switch', uniqueId, name, stateTopic, field, extra), command_topic: commandTopic, payload_on: ON, payload_off: OFF };
}

/** The device discovery envelope: device, origin, availability tied to our last will, components. */
function devicePayload(device: Component, components: Record<string, Component>, ctx: DiscoveryContext): string {
  const availability = [{ topic: topicsFor(ctx.prefix, ctx.nodeId).availability }];
  const fullDevice = { ...device, manufacturer: MANUFACTURER, sw_version: ctx.version, configuration_url: ctx.panelUrl };
  return stableStringify({ device: fullDevice, origin: { name: MANUFACTURER, sw_version: ctx.version }, availability, components });
}

/** The discovery config of one schedule's device (publish retained, QoS 1). */
export function discoveryPayloads(view: ScheduleView, ctx: DiscoveryContext): MqttMessage[] {
  const { schedule } = view;
  const tid = topicId(schedule.id);
  const topics = topicsFor(ctx.prefix, ctx.nodeId);
  const state = topics.scheduleState(tid);
  const uid = (component: string): string => `${ctx.nodeId}_${tid}_${component}`;
  const components = {
    enabled: toggle(uid('enabled'), 'Enabled', state, 'enabled', topics.enabledSet(tid), {
      icon: 'mdi:calendar-check',
      json_attributes_topic: state,
      json_attributes_template: '{{ value_json.attributes | tojson }}',
    }),
    run_now: {
      platform: 'button',
      unique_id: uid('run_now'),
      name: 'Run now',
      icon: 'mdi:play-circle-outline',
      command_topic: topics.runSet(tid),
      payload_press: PRESS,
    },
    next_run: reading('sensor', uid('next_run'), 'Next run', state, 'next_run', { device_class: 'timestamp' }),
    last_result: reading('sensor', uid('last_result'), 'Last result', state, 'last_result', {
      icon: 'mdi:history',
      device_class: 'enum',
      options: [...RUN_STATUSES],
    }),
    running: reading('binary_sensor', uid('running'), 'Running', state, 'running', { device_class: 'running' }),
  };
  const device = {
    identifiers: [`${ctx.nodeId}_${tid}`],
    name: schedule.name,
    model: schedule.duration_seconds !== null ? 'Window' : 'Schedule',
    via_device: ctx.nodeId,
  };
  return [{ topic: topics.scheduleConfig(tid), payload: devicePayload(device, components, ctx) }];
}

/** The discovery config of the "Almanac" device: totals, next run, HA connection, dry-run switch. */
export function almanacDevicePayloads(ctx: DiscoveryContext): MqttMessage[] {
  const topics = topicsFor(ctx.prefix, ctx.nodeId);
  const state = topics.almanacState;
  const uid = (component: string): string => `${ctx.nodeId}_${component}`;
  const count = (field: string, name: string, icon: string): Component =>
    reading('sensor', uid(field), name, state, field, { icon, state_class: 'measurement' });
  const components = {
    active_schedules: count('active_schedules', 'Active schedules', 'mdi:calendar-multiple'),
    failing_schedules: count('failing_schedules', 'Failing schedules', 'mdi:calendar-alert'),
    runs_24h: count('runs_24h', 'Runs (last 24 h)', 'mdi:play-circle-outline'),
    failures_24h: count('failures_24h', 'Failures (last 24 h)', 'mdi:alert-circle-outline'),
    next_run: reading('sensor', uid('next_run'), 'Next run', state, 'next_run', { device_class: 'timestamp' }),
    ha_connection: reading('binary_sensor', uid('ha_connection'), 'Home Assistant connection', state, 'ha_connected', {
      device_class: 'connectivity',
      entity_category: 'diagnostic',
    }),
    dry_run: toggle(uid('dry_run'), 'Dry run', state, 'dry_run', topics.dryRunSet, { icon: 'mdi:test-tube', entity_category: 'config' }),
  };
  const device = { identifiers: [ctx.nodeId], name: 'Almanac', model: 'Scheduler' };
  return [{ topic: topics.almanacConfig, payload: devicePayload(device, components, ctx) }];
}

/** Instants as HA's timestamp sensors read them; null renders as `None`, which HA shows as unknown. */
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The retained state message of one schedule (one JSON for all its entities). */
export function stateMessages(view: ScheduleView, ctx: Pick<DiscoveryContext, 'prefix' | 'nodeId'>): MqttMessage[] {
  const { schedule } = view;
  const payload = {
    enabled: schedule.enabled ? ON : OFF,
    next_run: iso(schedule.next_run_at),
    last_result: schedule.last_status,
    running: view.running ? ON : OFF,
    attributes: {
      state: view.state,
      paused_until: iso(schedule.paused_until),
      last_run: iso(schedule.last_run_at),
      run_count: schedule.run_count,
      consecutive_failures: schedule.consecutive_failures,
      tags: schedule.tags,
    },
  };
  const topic = topicsFor(ctx.prefix, ctx.nodeId).scheduleState(topicId(schedule.id));
  return [{ topic, payload: stableStringify(payload) }];
}

/** The retained state message of the "Almanac" device. */
export function almanacStateMessages(stats: AlmanacStats, ctx: Pick<DiscoveryContext, 'prefix' | 'nodeId'>): MqttMessage[] {
  const payload = {
    active_schedules: stats.active_schedules,
    failing_schedules: stats.failing_schedules,
    runs_24h: stats.runs_24h,
    failures_24h: stats.failures_24h,
    next_run: iso(stats.next_run_at),
    ha_connected: stats.ha_connected ? ON : OFF,
    dry_run: stats.dry_run ? ON : OFF,
  };
  return [{ topic: topicsFor(ctx.prefix, ctx.nodeId).almanacState, payload: stableStringify(payload) }];
}

/**
 * What removes a schedule from HA: empty retained payloads on its state topic, then its config
 * topic. The config goes last, so a half-done removal always leaves a config behind, which the
 * next start finds and clears (both topics) as a ghost.
 */
export function removalMessages(scheduleId: string, ctx: Pick<DiscoveryContext, 'prefix' | 'nodeId'>): MqttMessage[] {
  // topicId() leaves a topic id as it is, so a ghost found by its topic id is removed the same way.
  const tid = topicId(scheduleId);
  const topics = topicsFor(ctx.prefix, ctx.nodeId);
  return [
    { topic: topics.scheduleState(tid), payload: '' },
    { topic: topics.scheduleConfig(tid), payload: '' },
  ];
}

/** The discovery config and the retained state of a feature device (a lock, a zone), by its stable key. */
export function featureDeviceMessages(device: FeatureDevice, ctx: DiscoveryContext): MqttMessage[] {
  const tid = topicId(device.key);
  const topics = topicsFor(ctx.prefix, ctx.nodeId);
  const state = topics.scheduleState(tid);
  const components: Record<string, Component> = {};
  for (const [id, entity] of Object.entries(device.entities)) {
    const { platform, name, field, attributes, ...extra } = entity;
    const attrs = attributes ? { json_attributes_topic: state, json_attributes_template: '{{ value_json.attributes | tojson }}' } : {};
    const uniqueId = `${ctx.nodeId}_${tid}_${id}`;
    components[id] = platform === 'switch'
      ? toggle(uniqueId, name, state, field, topics.featureSet(tid, id), { ...extra, ...attrs })
      : reading(platform, uniqueId, name, state, field, { ...extra, ...attrs });
  }
  const meta = { identifiers: [`${ctx.nodeId}_${tid}`], name: device.name, model: device.model, via_device: ctx.nodeId };
  return [
    { topic: topics.scheduleConfig(tid), payload: devicePayload(meta, components, ctx) },
    { topic: state, payload: stableStringify(device.state) },
  ];
}
