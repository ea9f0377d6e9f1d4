/** How the CLI writes instants and runs for a person: local wall time in a zone, short and sortable. */
import { DateTime } from 'luxon';
import type { RunDto, ScheduleDto } from '../api/types.js';
import type { Occurrence } from '../api/types.js';
import type { Output, Tone } from './output.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Sun 2026-03-29 03:00" in `zone`, or "—" for null. */
export function localTime(iso: string | null, zone: string): string {
  if (iso === null) return '—';
  return DateTime.fromISO(iso, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
}

/** "Sun 2026-03-29 03:00 +02:00" from a preview item's own wall time and offset. */
export function previewTime(item: Occurrence): string {
  const [date = '', time = ''] = item.local.split('T');
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  return `${weekday} ${date} ${time.endsWith(':00') ? time.slice(0, 5) : time} ${item.offset}`;
}

/** A DST note of a previewed occurrence, marked. */
export function noteMark(out: Output, item: Occurrence): string {
  if (!item.note) return '';
  const label = item.note.startsWith('dst_') ? 'DST' : 'sun';
  return `${out.paint('warn', `[${label}]`)} ${item.detail ?? item.note}`;
}

const STATE_TONE: Record<ScheduleDto['state'], Tone> = { enabled: 'ok', paused: 'warn', disabled: 'dim', completed: 'dim', failing: 'bad' };
const RUN_TONE: Partial<Record<RunDto['status'], Tone>> = { success: 'ok', failed: 'bad', interrupted: 'bad', missed: 'warn', skipped: 'dim', overridden: 'warn' };

export function stateCell(out: Output, s: ScheduleDto): string {
  return out.paint(STATE_TONE[s.state], s.state);
}

export function statusCell(out: Output, status: RunDto['status']): string {
  const tone = RUN_TONE[status];
  return tone ? out.paint(tone, status) : status;
}

/** What HA answered a run, in one line: the first error, else the calls made. */
export function runOutcome(run: RunDto): string {
  if (run.error) return run.error;
  const failed = run.calls.find((c) => !c.ok);
  if (failed?.error) return `${failed.domain}.${failed.service}: ${failed.error.message}`;
  if (run.calls.length === 0) return run.note ?? '';
  const dry = run.calls.some((c) => c.dry_run) ? ' (dry run: not sent)' : '';
  return `${run.calls.map((c) => `${c.domain}.${c.service}`).join(', ')}${dry}`;
}
