/** The words of a conflict: its title, kind, status, when it happens and who keeps the device. */
import type { ConflictDto, EntityDto } from '../../../server/src/api/types.js';
import { currentLocale, t, tn } from '../i18n/localize.js';
import { formatDayTime } from '../timeline/time-format.js';

/** "A and B" in the panel's language. */
export function listNames(names: readonly string[]): string {
  try {
    return new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** Schedule names by id, from the lanes (the conflict carries them). */
export function scheduleNames(c: Pick<ConflictDto, 'lanes' | 'schedule_ids'>): Map<string, string> {
  const names = new Map(c.schedule_ids.map((id) => [id, id]));
  for (const lane of c.lanes) names.set(lane.schedule_id, lane.name);
  return names;
}

/** "Day light and Noon off on Grow shelf 2 light" / "… on the lock water-main". */
export function conflictTitle(c: ConflictDto, entities: ReadonlyMap<string, EntityDto>): string {
  const names = listNames([...scheduleNames(c).values()].sort((a, b) => a.localeCompare(b)));
  if (c.kind === 'lock_wait') return t('conflicts.title_lock', { names, lock: c.lock ?? '' });
  const entity = c.entity_id ? (entities.get(c.entity_id)?.friendly_name ?? c.entity_id) : '';
  return t('conflicts.title_entity', { names, entity });
}

export function kindLabel(kind: ConflictDto['kind']): string {
  return t(`conflicts.kind_${kind}`);
}

export function statusLabel(status: ConflictDto['status']): string {
  return t(`conflicts.status_${status}`);
}

/** "From Mon 7 Dec, 12:00 · 7 times". */
export function whenText(c: ConflictDto, zone: string): string {
  return `${t('conflicts.from', { time: formatDayTime(Date.parse(c.first_at), zone) })} · ${tn('conflicts.times', c.windows.length)}`;
}

/** What happens at run time, in words. */
export function outcomeText(c: ConflictDto): string {
  const names = scheduleNames(c);
  if (c.kind === 'lock_wait') {
    const minutes = Math.round((c.wait?.max_ms ?? 0) / 60_000);
    return c.wait?.skipped ? tn('conflicts.outcome_skipped', c.wait.skipped, { minutes }) : t('conflicts.outcome_wait', { minutes });
  }
  if (c.winner_id === null) return '';
  const name = names.get(c.winner_id) ?? c.winner_id;
  return c.status === 'resolved' ? t('conflicts.outcome_decided', { name }) : t('conflicts.outcome_rule', { name });
}
