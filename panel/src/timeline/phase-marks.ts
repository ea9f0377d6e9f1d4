/**
 * Where grows change phase on the timeline, pure: each planned or active grow's phase starts and
 * its end that fall on a shown day, at that day's local midnight (the grow counts days in HA's
 * zone, as the timeline draws them).
 */
import type { GrowDto } from '../../../server/src/api/types.js';
import type { TimelineDay } from './days.js';

export interface PhaseMark {
  at: number;
  /** "Shelf 2: Seedling". */
  label: string;
  growId: string;
  kind: 'phase' | 'end';
}

/** The day after a local date "YYYY-MM-DD" (the day a grow is over). */
function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function phaseMarks(grows: readonly GrowDto[], days: readonly TimelineDay[], endLabel: (grow: GrowDto) => string): PhaseMark[] {
  const startOf = new Map(days.map((d) => [d.key, d.start]));
  const marks: PhaseMark[] = [];
  for (const grow of grows) {
    if (grow.status !== 'planned' && grow.status !== 'active') continue;
    const where = grow.zone_name ?? grow.name;
    for (const phase of grow.phases) {
      const at = startOf.get(phase.starts_on);
      if (at !== undefined) marks.push({ at, label: `${where}: ${phase.name}`, growId: grow.id, kind: 'phase' });
    }
    const end = startOf.get(nextDate(grow.end_date));
    if (end !== undefined) marks.push({ at: end, label: `${where}: ${endLabel(grow)}`, growId: grow.id, kind: 'end' });
  }
  return marks.sort((a, b) => a.at - b.at);
}
