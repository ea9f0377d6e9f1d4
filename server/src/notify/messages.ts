/** The texts of Almanac's notifications, written for the person who has to go and check the device. */
import type { Conflict } from '../domain/conflict.js';
import type { Run } from '../domain/schedule.js';
import type { HaGateway } from '../engine/ports.js';
import { toWall } from '../time/index.js';
import { watersOrDoses, type DrivenSchedule } from './criticality.js';
import type { Alert, Subject } from './kinds.js';

export interface ScheduleInfo {
  id: string;
  name: string;
  timezone: string;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-03-29 06:00" in the given zone. */
export function localTime(at: number, zone: string): string {
  try {
    const w = toWall(at, zone);
    return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
  } catch {
    return new Date(at).toISOString();
  }
}

function subjectOf(s: ScheduleInfo): Subject {
  return { type: 'schedule', id: s.id, name: s.name };
}

/** Failed watering or dosing is critical; other failures take the kind's severity. */
function failureSeverity(s: ScheduleInfo & DrivenSchedule, ha: Pick<HaGateway, 'entityPlace'>): Alert['severity'] {
  return watersOrDoses(s, (id) => ha.entityPlace(id).labels) ? 'critical' : undefined;
}

export function failedAlert(s: ScheduleInfo & DrivenSchedule, run: Run, ha: Pick<HaGateway, 'entityPlace'>): Alert {
  const attempts = run.attempt > 1 ? ` after ${run.attempt} attempts` : '';
  const severity = failureSeverity(s, ha);
  return {
    kind: 'run_failed',
    subject: subjectOf(s),
    title: `Almanac: "${s.name}" failed`,
    message: `The run planned for ${localTime(run.planned_at, s.timezone)} failed${attempts}: ${run.error ?? 'unknown error'}`,
    ...(severity ? { severity } : {}),
  };
}

export function missedAlert(s: ScheduleInfo, missed: { count: number; capped: boolean; from: number; to: number }): Alert {
  const count = `${missed.capped ? 'more than ' : ''}${missed.count} run${missed.count === 1 && !missed.capped ? ' was' : 's were'}`;
  const span = missed.from === missed.to
    ? `at ${localTime(missed.from, s.timezone)}`
    : `between ${localTime(missed.from, s.timezone)} and ${localTime(missed.to, s.timezone)}`;
  return {
    kind: 'run_missed',
    subject: subjectOf(s),
    title: `Almanac: "${s.name}" missed runs`,
    message: `${count} missed ${span}, while Almanac or Home Assistant was not available. The schedule's catch-up policy decided what still ran.`,
    count: missed.count,
  };
}

export function pausedAlert(s: ScheduleInfo, note: string): Alert {
  return { kind: 'schedule_paused', subject: subjectOf(s), title: `Almanac: "${s.name}" was paused`, message: `${note} Resume it in Almanac once the cause is fixed.` };
}

/**
 * A run caught mid-way by a crash: reported as `run_failed` (same notification as a failure of
 * this schedule, resolved by its next success), with its own text.
 */
export function interruptedAlert(s: ScheduleInfo & DrivenSchedule, run: Run, ha: Pick<HaGateway, 'entityPlace'>): Alert {
  const severity = failureSeverity(s, ha);
  return {
    kind: 'run_failed',
    subject: subjectOf(s),
    title: `Almanac: "${s.name}" was interrupted`,
    message:
      `Almanac stopped while the run planned for ${localTime(run.planned_at, s.timezone)} was in progress. ` +
      'It was not repeated, so that nothing runs twice; check that the devices are where they should be.',
    ...(severity ? { severity } : {}),
  };
}

/** A run waited for its lock past its limit and was skipped: the shelf was not watered. */
export function lockWaitAlert(s: ScheduleInfo, run: Run): Alert {
  const waited = Math.round((run.waited_ms ?? 0) / 60_000);
  return {
    kind: 'lock_wait',
    subject: subjectOf(s),
    link: '#/locks',
    title: `Almanac: "${s.name}" skipped: lock "${run.lock ?? ''}" stayed busy`,
    message:
      `The run planned for ${localTime(run.planned_at, s.timezone)} waited ${waited} min for the lock "${run.lock ?? ''}" and was skipped (lock wait exceeded). ` +
      'Other schedules on the same lock held it the whole time: shorten their windows, spread their times, or raise the lock\'s capacity or wait limit.',
  };
}

/** What the override_ended notification tells (a hold is over; the devices went back to their schedules). */
export interface EndedHold {
  id: string;
  /** The held devices' names ("Shelf 1 light, Pump"). */
  names: string;
  user: string;
  reason: 'ended' | 'expired' | 'replaced';
  /** Who ended it, when someone did. */
  ended_by: string | null;
  /** How many devices were put back into the state their schedules want. */
  restored: number;
  zone: string;
  at: number;
}

/** A manual hold ended: the schedules are in charge of these devices again. */
export function overrideEndedAlert(hold: EndedHold): Alert {
  const how = hold.reason === 'expired' ? 'ran out' : `was ended by ${hold.ended_by ?? 'someone'}`;
  const back = hold.restored > 0
    ? `${hold.restored === 1 ? '1 device was put back into the state its schedules want' : `${hold.restored} devices were put back into the state their schedules want`} now.`
    : 'No schedule wants them in another state now, so they were left as they are.';
  return {
    kind: 'override_ended',
    subject: { type: 'override', id: hold.id, name: `hold on ${hold.names}` },
    link: '#/entities',
    title: `Almanac: hold on ${hold.names} ended`,
    message: `The hold ${hold.user} put on ${hold.names} ${how} at ${localTime(hold.at, hold.zone)}. ${back}`,
  };
}

/**
 * A new conflict between schedules, one notification per conflict (its id is the subject). The
 * single place that turns a conflict into an alert, so a richer Alert shape changes only this.
 */
export function conflictAlert(c: Conflict, nameOf: (scheduleId: string) => string, zone: string): Alert {
  const names = c.schedule_ids.map((id) => `"${nameOf(id)}"`).sort((a, b) => a.localeCompare(b));
  const who = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const when = `from ${localTime(c.first_at, zone)}${c.windows.length > 1 ? `, ${c.windows.length} times in the coming days` : ''}`;
  const decide = 'Open it to keep one, move or disable one, or accept it.';
  if (c.kind === 'lock_wait') {
    const waited = Math.round((c.wait?.max_ms ?? 0) / 60_000);
    const skipped = c.wait?.skipped ? ` ${c.wait.skipped} run${c.wait.skipped === 1 ? '' : 's'} would give up waiting and be skipped.` : '';
    return {
      kind: 'conflict',
      subject: { type: 'conflict', id: c.id, name: `lock ${c.lock ?? ''}` },
      title: `Almanac: lock "${c.lock ?? ''}" cannot keep up`,
      message: `${who} queue for the lock "${c.lock ?? ''}" ${when}, waiting up to ${waited} min.${skipped} ${decide}`,
    };
  }
  const what = c.kind === 'level' ? 'different levels' : 'different states';
  const keeper = c.winner_id !== null ? ` Until you decide, "${nameOf(c.winner_id)}" keeps it.` : '';
  return {
    kind: 'conflict',
    subject: { type: 'conflict', id: c.id, name: `${c.entity_id ?? ''}` },
    title: `Almanac: ${who} fight over ${c.entity_id ?? ''}`,
    message: `${who} want ${what} of ${c.entity_id ?? ''} ${when}.${keeper} ${decide}`,
  };
}
