/** How a schedule is summarised in lists: its target's names and icons, state and last result. */
import {
  mdiAlertCircle,
  mdiBellRing,
  mdiCalendarMonth,
  mdiCancel,
  mdiCheckCircle,
  mdiClockOutline,
  mdiCodeBraces,
  mdiHandBackRight,
  mdiProgressClock,
  mdiSprout,
  mdiTimerSyncOutline,
  mdiTimerSand,
  mdiWeatherSunset,
} from '@mdi/js';
import type { EntityDto, ScheduleDto } from '../../server/src/api/types.js';
import type { RunStatus, TriggerType } from './schedule-types.js';
import { entityIcon, stateColor } from './entity-display.js';
import { NO_PLACES, placeOf, type Places } from './ha-places.js';
import { t } from './i18n/localize.js';

/** One thing a schedule acts on, ready to draw. */
export interface TargetItem {
  kind: 'entity' | 'floor' | 'area' | 'device' | 'label' | 'zone';
  id: string;
  name: string;
  icon: string;
  color: string;
  /** The entity, when HA knows it. */
  entity?: EntityDto;
}

/** The schedule's targets with HA's names and icons (entities, areas, labels and devices HA does not list show their id). */
export function targetItems(schedule: Pick<ScheduleDto, 'target'>, entities: ReadonlyMap<string, EntityDto>, places: Places = NO_PLACES): TargetItem[] {
  const items: TargetItem[] = [];
  for (const id of schedule.target.entity_id ?? []) {
    const entity = entities.get(id);
    items.push(
      entity
        ? { kind: 'entity', id, name: entity.friendly_name, icon: entityIcon(entity), color: stateColor(entity), entity }
        : { kind: 'entity', id, name: id, icon: mdiAlertCircle, color: 'var(--alm-disabled-text-color)' },
    );
  }
  for (const kind of ['floor', 'area', 'device', 'label'] as const) {
    for (const id of schedule.target[`${kind}_id`] ?? []) {
      const place = placeOf(kind, id, places);
      items.push({ kind, id, name: place.name, icon: place.icon, color: 'var(--alm-state-icon-color)' });
    }
  }
  const { zone_id: zoneId, role } = schedule.target;
  if (zoneId !== undefined) {
    // "Shelf 2 · Pump": the zone and the role, resolved to devices only when the run starts.
    const zone = places.zones.get(zoneId);
    const name = `${zone?.name ?? zoneId}${role ? ` · ${t(`role.${role}`)}` : ''}`;
    items.push({ kind: 'zone', id: zoneId, name, icon: mdiSprout, color: 'var(--alm-state-icon-color)' });
  }
  return items;
}

export const TRIGGER_ICONS: Record<TriggerType, string> = {
  once: mdiCalendarMonth,
  interval: mdiTimerSyncOutline,
  cron: mdiCodeBraces,
  calendar: mdiClockOutline,
  sun: mdiWeatherSunset,
};

/** The tone a run result is drawn in. */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'busy';

export function runTone(status: RunStatus): Tone {
  switch (status) {
    case 'success':
      return 'ok';
    case 'failed':
    case 'interrupted':
      return 'bad';
    case 'missed':
    case 'overridden':
      return 'warn';
    case 'queued':
    case 'running':
      return 'busy';
    case 'skipped':
      return 'neutral';
  }
}

export const RUN_ICONS: Record<Tone, string> = {
  ok: mdiCheckCircle,
  bad: mdiAlertCircle,
  warn: mdiHandBackRight,
  busy: mdiProgressClock,
  neutral: mdiCancel,
};

export function runStatusLabel(status: RunStatus): string {
  return t(`run_status.${status}`);
}

/** The icon a notify-only or MQTT-only schedule shows where an entity icon would be. */
export function scheduleIcon(schedule: ScheduleDto, targets: readonly TargetItem[]): { icon: string; color: string } {
  const first = targets[0];
  if (first) return { icon: first.icon, color: first.color };
  if (schedule.action.type === 'notify') return { icon: mdiBellRing, color: 'var(--alm-state-icon-color)' };
  return { icon: TRIGGER_ICONS[schedule.trigger.type] ?? mdiTimerSand, color: 'var(--alm-state-icon-color)' };
}
