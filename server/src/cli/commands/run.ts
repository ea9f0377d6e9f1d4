import type { RunDto } from '../../api/types.js';
import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { statusCell } from '../format.js';
import { findSchedule } from '../lookup.js';
import type { Output } from '../output.js';
import type { ApiClient } from '../server.js';
import { allSchedules, requireServer } from '../source.js';

/** A run of on/off or a script answers in well under a second; a sequence or ramp may take longer. */
const DEFAULT_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 3600;
const POLL_MS = 200;
const OPEN = new Set(['queued', 'running']);
/** Statuses that mean "it did what was asked". */
const GOOD = new Set(['success']);

async function waitForRun(api: ApiClient, id: string, waitMs: number): Promise<RunDto> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const run = await api.get<RunDto>(`/api/runs/${encodeURIComponent(id)}`);
    if (!OPEN.has(run.status) || Date.now() >= deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function printRun(out: Output, run: RunDto, name: string): void {
  const took = run.started_at && run.finished_at ? ` in ${Date.parse(run.finished_at) - Date.parse(run.started_at)} ms` : '';
  out.line(`run ${run.id} of "${name}": ${statusCell(out, run.status)}${took}${OPEN.has(run.status) ? ' (still going)' : ''}`);
  if (run.error) out.line(`  ${out.paint('bad', run.error)}`);
  if (run.note) out.line(`  ${run.note}`);
  for (const call of run.calls) {
    const target = call.target ? ` ${JSON.stringify(call.target)}` : '';
    const data = call.data && Object.keys(call.data).length > 0 ? ` ${JSON.stringify(call.data)}` : '';
    const answer = call.dry_run
      ? out.paint('warn', 'dry run: not sent')
      : call.ok
        ? `${out.paint('ok', 'ok')}${call.response !== undefined ? ` ${JSON.stringify(call.response)}` : ''}`
        : out.paint('bad', `${call.error?.code ?? 'error'}: ${call.error?.message ?? ''}`);
    out.line(`  ${call.domain}.${call.service}${target}${data} → ${answer}`);
  }
}

export const run: Command = {
  name: 'run',
  description: `
Runs a schedule now, through the running server, as the panel's run button does (trigger
"manual"; its overlap policy applies, its conditions do not), waits for the run to finish, and
prints it with every call sent to Home Assistant and Home Assistant's answer. The exit code is 0
when the run succeeded and 1 when it failed or was skipped.`,
  positionals: [{ name: 'schedule', description: "the schedule's id or name" }],
  options: {
    wait: { type: 'string', value: '<seconds>', description: `how long to wait for the run to finish (default ${DEFAULT_WAIT_SECONDS})` },
    ...JSON_OPTION,
    ...URL_OPTION,
  },
  examples: ['almanac run "Reef dosing: alkalinity"', 'almanac run 3f2c…-uuid --json'],
  async run(ctx) {
    const { out, values } = ctx;
    const wait = values.wait === undefined ? DEFAULT_WAIT_SECONDS : Number(values.wait);
    if (!Number.isFinite(wait) || wait < 0 || wait > MAX_WAIT_SECONDS) throw new CliError(`--wait must be 0 to ${MAX_WAIT_SECONDS} seconds, got "${values.wait}"`, EXIT.usage);
    const api = await requireServer(ctx, 'run');
    const schedule = findSchedule(await allSchedules(api), ctx.positionals[0]!);
    const started = await api.post<{ run_id: string }>(`/api/schedules/${encodeURIComponent(schedule.id)}/run`);
    const result = await waitForRun(api, started.run_id, wait * 1000);
    if (values.json) out.json(result);
    else printRun(out, result, schedule.name);
    return GOOD.has(result.status) || OPEN.has(result.status) ? EXIT.ok : EXIT.failed;
  },
};
