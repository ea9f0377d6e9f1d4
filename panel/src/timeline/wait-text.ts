/**
 * The words of a wait mark, for its title and screen readers: "Shelf 3 watering waits 4 min for
 * water-main (Shelf 1 watering and Shelf 2 watering run first): due 06:00, starts 06:04".
 */
import { listNames } from '../conflicts/conflict-text.js';
import { formatDuration, formatNumber } from '../i18n/format.js';
import { t } from '../i18n/localize.js';
import type { TimelineWait } from './model.js';
import { formatTime } from './time-format.js';
import { waitEnd, waitState } from './wait-marks.js';

const SECOND_MS = 1000;
const MINUTE_S = 60;
const HOUR_S = 3600;

/** "40 sec", "4 min", then "1h 30m": a grower reads waits in minutes. */
export function waitLength(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / SECOND_MS));
  if (seconds < MINUTE_S) return formatNumber(seconds, { style: 'unit', unit: 'second', unitDisplay: 'short' });
  if (seconds < HOUR_S) return formatNumber(Math.round(seconds / MINUTE_S), { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  return formatDuration(seconds);
}

/** One sentence about a wait; `name` gives a schedule's name by id (the id itself when unknown). */
export function describeWait(wait: TimelineWait, name: (id: string) => string, now: number, zone: string): string {
  const params = {
    schedule: name(wait.schedule_id),
    lock: wait.lock,
    duration: waitLength(waitEnd(wait, now) - wait.planned),
    due: formatTime(wait.planned, zone),
  };
  const behind = wait.behind.length > 0 ? t('timeline.wait_behind', { names: listNames(wait.behind.map(name)) }) : '';
  switch (waitState(wait)) {
    case 'skipped':
      return t('timeline.wait_skipped', { ...params, behind, until: formatTime(wait.gives_up_at ?? wait.planned, zone) });
    case 'queued':
      return t('timeline.wait_queued', { ...params, behind, until: formatTime(wait.gives_up_at ?? now, zone) });
    default:
      return t('timeline.wait', { ...params, behind, start: formatTime(wait.start!, zone) });
  }
}
