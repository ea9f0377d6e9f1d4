import type { RunStatus } from '../../domain/schedule.js';
import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { localTime, runOutcome, statusCell } from '../format.js';
import { findSchedule } from '../lookup.js';
import { openReader } from '../source.js';

/** A screenful by default; the API pages at most 500 runs per call. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;
/** What `--failed` shows: every way a run can go wrong. */
const FAILED: RunStatus[] = ['failed', 'interrupted', 'missed'];

export const history: Command = {
  name: 'history',
  description: `
The latest runs, newest first: when each was planned (in Home Assistant's time zone), how late it
started, its status, and what Home Assistant answered (the calls made, or the first error).`,
  options: {
    failed: { type: 'boolean', description: `only runs that went wrong (${FAILED.join(', ')})` },
    schedule: { type: 'string', value: '<id|name>', description: 'only the runs of this schedule' },
    limit: { type: 'string', value: '<n>', description: `how many runs (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})` },
    ...JSON_OPTION,
    ...URL_OPTION,
  },
  examples: ['almanac history', 'almanac history --failed --limit 50', 'almanac history --schedule "Reef dosing: alkalinity" --json'],
  async run(ctx) {
    const { out, values } = ctx;
    const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CliError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${values.limit}"`, EXIT.usage);
    const reader = await openReader(ctx);
    try {
      const schedule = typeof values.schedule === 'string' ? findSchedule(await reader.schedules(), values.schedule) : undefined;
      const runs = await reader.runs({ limit, ...(values.failed ? { status: FAILED } : {}), ...(schedule ? { schedule_id: schedule.id } : {}) });
      if (values.json) {
        out.json(runs);
        return EXIT.ok;
      }
      if (runs.length === 0) {
        out.line(values.failed ? 'No failed runs.' : 'No runs yet.');
        return EXIT.ok;
      }
      const zone = reader.zone();
      out.table(
        ['PLANNED', 'SCHEDULE', 'TRIGGER', 'STATUS', 'LATE', 'OUTCOME'],
        runs.map((r) => [
          localTime(r.planned_at, zone),
          r.schedule_name ?? r.schedule_id ?? 'manual action',
          r.trigger,
          statusCell(out, r.status),
          r.lateness_ms === null ? '—' : `${r.lateness_ms} ms`,
          runOutcome(r),
        ]),
      );
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};
