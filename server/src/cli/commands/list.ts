import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { localTime, stateCell } from '../format.js';
import { openReader } from '../source.js';
import type { ScheduleState } from '../../domain/schedule.js';

const STATES: readonly ScheduleState[] = ['enabled', 'paused', 'disabled', 'completed', 'failing'];

export const list: Command = {
  name: 'list',
  description: `
Every schedule with its state, when it runs (in plain words), its next run in the schedule's own
time zone and how its last run went. "failing" means the last run failed and the schedule keeps
trying; it pauses itself after pause_after_failures failures in a row.`,
  options: {
    state: { type: 'string', value: '<state>', description: `only schedules in this state: ${STATES.join(', ')}` },
    tag: { type: 'string', value: '<tag>', description: 'only schedules with this tag' },
    ...JSON_OPTION,
    ...URL_OPTION,
  },
  examples: ['almanac list', 'almanac list --state failing', 'almanac list --tag dosing --json | jq -r ".[].id"'],
  async run(ctx) {
    const { out, values } = ctx;
    const state = values.state as string | undefined;
    if (state !== undefined && !(STATES as readonly string[]).includes(state)) {
      throw new CliError(`--state must be one of ${STATES.join(', ')}, got "${state}"`, EXIT.usage);
    }
    const reader = await openReader(ctx);
    try {
      const schedules = await reader.schedules({ ...(state ? { state: state as ScheduleState } : {}), ...(typeof values.tag === 'string' ? { tag: values.tag } : {}) });
      if (values.json) {
        out.json(schedules);
        return EXIT.ok;
      }
      if (schedules.length === 0) {
        out.line(state || values.tag ? 'No schedule matches.' : 'No schedules yet.');
        return EXIT.ok;
      }
      out.table(
        ['NAME', 'STATE', 'WHEN', 'NEXT RUN', 'LAST', 'ID'],
        schedules.map((s) => [s.name, stateCell(out, s), s.description, localTime(s.next_run_at, s.timezone), s.last_status ?? 'never', out.paint('dim', s.id)]),
      );
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};
