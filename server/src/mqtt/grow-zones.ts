/**
 * The zones' HA devices: each zone with an active grow is a device ("Shelf 2") with sensors for the
 * grow's phase, day and days left, linked to the Almanac device. Pure builders plus a small sync
 * that publishes them (retained, deduplicated by the bridge), removes a zone's device when its grow
 * ends, and clears the stored configs of zones that have no active grow any more (ghosts).
 */
import type { Logger } from '../log.js';
import { devicePayload, isAlmanacConfig, reading, type Component, type DiscoveryContext, type MqttMessage } from './discovery.js';
import type { AlmanacSource, GrowZoneView } from './ports.js';
import { stableStringify } from './stable-json.js';
import { topicId, topicsFor } from './topics.js';

/** The discovery config of a zone's device. */
export function zoneDevicePayloads(view: GrowZoneView, ctx: DiscoveryContext): MqttMessage[] {
  const tid = topicId(view.zone.id);
  const topics = topicsFor(ctx.prefix, ctx.nodeId);
  const state = topics.zoneState(tid);
  const uid = (component: string): string => `${ctx.nodeId}_zone_${tid}_${component}`;
  const components: Record<string, Component> = {
    grow_phase: reading('sensor', uid('grow_phase'), 'Grow phase', state, 'phase', { icon: 'mdi:sprout', json_attributes_topic: state, json_attributes_template: '{{ value_json.attributes | tojson }}' }),
    grow_day: reading('sensor', uid('grow_day'), 'Grow day', state, 'day', { icon: 'mdi:calendar-today', state_class: 'measurement' }),
    grow_days_left: reading('sensor', uid('grow_days_left'), 'Grow days left', state, 'days_left', { icon: 'mdi:calendar-end', device_class: 'duration', unit_of_measurement: 'd' }),
  };
  const device: Component = { identifiers: [`${ctx.nodeId}_zone_${tid}`], name: view.zone.name, model: 'Zone', via_device: ctx.nodeId };
  if (view.zone.area_name) device['suggested_area'] = view.zone.area_name;
  return [{ topic: topics.zoneConfig(tid), payload: devicePayload(device, components, ctx) }];
}

/** The retained state of a zone's device. */
export function zoneStateMessages(view: GrowZoneView, ctx: Pick<DiscoveryContext, 'prefix' | 'nodeId'>): MqttMessage[] {
  const { grow } = view;
  const payload = {
    phase: grow.phase,
    day: grow.day,
    days_left: grow.days_left,
    attributes: {
      grow: grow.name, recipe: grow.recipe, recipe_version: grow.recipe_version, phase_number: grow.phase_number, phase_day: grow.phase_day,
      phase_days: grow.phase_days, total_days: grow.total_days, start_date: grow.start_date, end_date: grow.end_date, next_change: grow.next_change_on,
    },
  };
  return [{ topic: topicsFor(ctx.prefix, ctx.nodeId).zoneState(topicId(view.zone.id)), payload: stableStringify(payload) }];
}

/** Removes a zone's device: its state first, then its config (as for schedules, a half-done removal leaves a findable config). */
export function zoneRemovalMessages(zoneTid: string, ctx: Pick<DiscoveryContext, 'prefix' | 'nodeId'>): MqttMessage[] {
  const topics = topicsFor(ctx.prefix, ctx.nodeId);
  return [
    { topic: topics.zoneState(zoneTid), payload: '' },
    { topic: topics.zoneConfig(zoneTid), payload: '' },
  ];
}

export interface GrowZoneSyncDeps {
  ctx: DiscoveryContext;
  source: AlmanacSource;
  /** The bridge's retained publish (skips payloads it sent already). */
  publish(messages: MqttMessage[]): void;
  logger: Logger;
}

export class GrowZoneSync {
  /** Topic ids of the zones whose device is published. */
  private live = new Set<string>();

  constructor(private readonly deps: GrowZoneSyncDeps) {}

  /** Publishes every zone with an active grow and removes the devices of those that have none any more. */
  publishAll(): void {
    const views = this.deps.source.growZones?.() ?? [];
    const now = new Set(views.map((v) => topicId(v.zone.id)));
    for (const tid of this.live) if (!now.has(tid)) this.deps.publish(zoneRemovalMessages(tid, this.deps.ctx));
    this.live = now;
    for (const view of views) {
      this.deps.publish(zoneDevicePayloads(view, this.deps.ctx));
      this.deps.publish(zoneStateMessages(view, this.deps.ctx));
    }
  }

  /** A stored zone config seen on connect: cleared when that zone has no active grow now. */
  onStoredConfig(tid: string, payload: string): void {
    if (payload === '' || this.live.has(tid) || !isAlmanacConfig(payload)) return;
    this.deps.logger.info({ zone: tid }, 'clearing the MQTT discovery of a zone without an active grow');
    this.deps.publish(zoneRemovalMessages(tid, this.deps.ctx));
  }
}
