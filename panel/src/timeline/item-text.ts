/**
 * Words for timeline items: what an item does ("Ramp 0 → 80 %"), when, and for how long, for the
 * tooltip, the block labels and screen readers.
 */
import { formatDuration, formatNumber } from '../i18n/format.js';
import { isMessageKey, t } from '../i18n/localize.js';
import type { LaneGrouping, LaneItem } from './lanes.js';
import { formatDayTime, formatTime } from './time-format.js';
import { localDateOf } from './zone.js';

const percent = (level: number): string => formatNumber(level / 100, { style: 'percent', maximumFractionDigits: 0 });

/** "Window", "Ramp" or "Action". */
export function kindText(item: LaneItem): string {
  return t(`timeline.kind_${item.item.kind}`);
}

/** What the item does: "On", "Off", "Level 40 %", "Ramp 0 % → 80 %", "Script", … */
export function actionText(item: LaneItem): string {
  const { action, level, from_level: fromLevel } = item.item;
  if (action === 'ramp' && level !== null) return t('timeline.ramp_levels', { from: percent(fromLevel ?? 0), to: percent(level) });
  if (action === 'set_level' && level !== null) return t('timeline.level', { level: percent(level) });
  const key = `timeline.action_${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** "Mon 30 Mar, 07:00 – 09:30" (the end's date only when it differs), or the instant of a point. */
export function whenText(item: LaneItem, zone: string): string {
  const start = formatDayTime(item.start, zone);
  if (item.item.kind === 'point') return start;
  const sameDay = localDateOf(item.start, zone).day === localDateOf(item.end, zone).day;
  const end = sameDay ? formatTime(item.end, zone) : formatDayTime(item.end, zone);
  return t('timeline.time_range', { start, end });
}

/** The item's length ("2h 30m"), or null for a point. */
export function lengthText(item: LaneItem): string | null {
  return item.item.kind === 'point' ? null : formatDuration((item.end - item.start) / 1000);
}

/** The text inside a block: the schedule's name in entity lanes (several schedules share them), else the action. */
export function blockLabel(item: LaneItem, grouping: LaneGrouping): string {
  const action = actionText(item);
  return grouping === 'entity' ? `${item.schedule.name} · ${action}` : action;
}

/** One sentence for screen readers: "Daylight: Window, On, Mon 30 Mar, 07:00 – 19:00". */
export function describeItem(item: LaneItem, zone: string): string {
  return t('timeline.describe', { schedule: item.schedule.name, kind: kindText(item), action: actionText(item), when: whenText(item, zone) });
}
