import type { ScheduleDto } from '../../api/types.js';
import type { Occurrence } from '../../api/types.js';
import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { noteMark, previewTime } from '../format.js';
import { openReader } from '../source.js';

const DEFAULT_COUNT = 20;
/** A year of a daily schedule; the API's preview allows no more per schedule either. */
const MAX_COUNT = 366;

interface NextRun extends Occurrence {
  schedule_id: string;
  schedule_name: string;
}

/** Parses `--count`; a usage error names the bounds. */
export function countOption(raw: unknown, fallback: number, max: number): number {
  const count = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > max) throw new CliError(`--count must be a whole number from 1 to ${max}, got "${String(raw)}"`, EXIT.usage);
  return count;
}

/**
 * The first `count` occurrences over all schedules. Schedules are visited in order of their next
 * run, and the visit stops once the next one starts after the `count`-th occurrence found, so
 * 10,000 schedules cost a few previews, not 10,000.
 */
async function nextRuns(schedules: ScheduleDto[], preview: (id: string, from: number) => Promise<Occurrence[]>, count: number): Promise<NextRun[]> {
  const due = schedules.filter((s) => s.next_run_at !== null).sort((a, b) => a.next_run_at!.localeCompare(b.next_run_at!));
  let found: NextRun[] = [];
  for (const s of due) {
    const last = found[count - 1];
    if (last && Date.parse(s.next_run_at!) > Date.parse(last.at)) break;
    // Strictly after `from`: one millisecond before the next run includes it (and skips a pause).
    const items = await preview(s.id, Date.parse(s.next_run_at!) - 1);
    found = [...found, ...items.map((item) => ({ ...item, schedule_id: s.id, schedule_name: s.name }))]
      .sort((a, b) => a.at.localeCompare(b.at) || a.schedule_name.localeCompare(b.schedule_name))
      .slice(0, count);
  }
  return found;
}

export const next: Command = {
  name: 'next',
  description: `
The next runs of every schedule that will run, merged in time order, each in its schedule's own
time zone with its UTC offset. Runs that a clock change moved, merged or doubled are marked [DST]
with what happens (for example "02:30 does not exist on 2026-03-29 (clocks go forward); runs at
03:00").`,
  options: {
    count: { type: 'string', value: '<n>', description: `how many runs (default ${DEFAULT_COUNT}, at most ${MAX_COUNT})` },
    ...JSON_OPTION,
    ...URL_OPTION,
  },
  examples: ['almanac next', 'almanac next --count 100 --json'],
  async run(ctx) {
    const { out, values } = ctx;
    const count = countOption(values.count, DEFAULT_COUNT, MAX_COUNT);
    const reader = await openReader(ctx);
    try {
      const runs = await nextRuns(await reader.schedules(), (id, from) => reader.preview(id, from, count), count);
      if (values.json) {
        out.json(runs);
        return EXIT.ok;
      }
      if (runs.length === 0) {
        out.line('Nothing will run: no schedule has a next run.');
        return EXIT.ok;
      }
      out.table(['WHEN', 'SCHEDULE', 'NOTE'], runs.map((r) => [previewTime(r), r.schedule_name, noteMark(out, r)]));
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};
