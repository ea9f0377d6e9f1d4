/** The texts of Almanac's notifications, written for the person who has to go and check the device. */
import type { Run } from '../domain/schedule.js';
import { toWall } from '../time/index.js';
import { overrideSubject, type Alert } from './kinds.js';

export interface ScheduleInfo {
  id: string;
  name: string;
  timezone: string;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-03-29 06:00" in the schedule's zone. */
export function localTime(at: number, zone: string): string {
  try {
    const w = toWall(at, zone);
    return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
  } catch {
    return new Date(at).toISOString();
  }
}

export function failedAlert(s: ScheduleInfo, run: Run): Alert {
  const attempts = run.attempt > 1 ? ` after ${run.attempt} attempts` : '';
  return {
    scheduleId: s.id,
    kind: 'failed',
    title: `Almanac: "${s.name}" failed`,
    message: `The run planned for ${localTime(run.planned_at, s.timezone)} failed${attempts}: ${run.error ?? 'unknown error'}`,
  };
}

export function missedAlert(s: ScheduleInfo, missed: { count: number; capped: boolean; from: number; to: number }): Alert {
  const count = `${missed.capped ? 'more than ' : ''}${missed.count} run${missed.count === 1 && !missed.capped ? ' was' : 's were'}`;
  const span = missed.from === missed.to
    ? `at ${localTime(missed.from, s.timezone)}`
    : `between ${localTime(missed.from, s.timezone)} and ${localTime(missed.to, s.timezone)}`;
  return {
    scheduleId: s.id,
    kind: 'missed',
    title: `Almanac: "${s.name}" missed runs`,
    message: `${count} missed ${span}, while Almanac or Home Assistant was not available. The schedule's catch-up policy decided what still ran.`,
  };
}

export function pausedAlert(s: ScheduleInfo, note: string): Alert {
  return { scheduleId: s.id, kind: 'paused', title: `Almanac: "${s.name}" was paused`, message: `${note} Resume it in Almanac once the cause is fixed.` };
}

export function interruptedAlert(s: ScheduleInfo, run: Run): Alert {
  return {
    scheduleId: s.id,
    kind: 'interrupted',
    title: `Almanac: "${s.name}" was interrupted`,
    message:
      `Almanac stopped while the run planned for ${localTime(run.planned_at, s.timezone)} was in progress. ` +
      'It was not repeated, so that nothing runs twice; check that the devices are where they should be.',
  };
}

/** A run waited for its lock past its limit and was skipped: the shelf was not watered. */
export function lockWaitAlert(s: ScheduleInfo, run: Run): Alert {
  const waited = Math.round((run.waited_ms ?? 0) / 60_000);
  return {
    scheduleId: s.id,
    kind: 'lock_wait',
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
    scheduleId: overrideSubject(hold.id),
    kind: 'override_ended',
    title: `Almanac: hold on ${hold.names} ended`,
    message: `The hold ${hold.user} put on ${hold.names} ${how} at ${localTime(hold.at, hold.zone)}. ${back}`,
  };
}
