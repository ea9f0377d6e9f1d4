/**
 * Conditions checked when a run fires (domain `Condition`). A failing condition records the run as
 * `skipped` with the reason, in words a user can act on.
 */
import type { EntityState } from '../domain/ha.js';
import type { Condition } from '../domain/schedule.js';
import { parseTimeOfDay, toWall } from '../time/index.js';

export interface ConditionEnv {
  getState(entityId: string): EntityState | undefined;
  now: number;
  zone: string;
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function stateReason(c: Extract<Condition, { type: 'state' }>, env: ConditionEnv): string | null {
  const entity = env.getState(c.entity_id);
  if (!entity) return `${c.entity_id} is not known to Home Assistant`;
  const wanted = Array.isArray(c.state) ? c.state : [c.state];
  const matches = wanted.includes(entity.state);
  if (c.not ? !matches : matches) return null;
  const list = wanted.map((s) => `'${s}'`).join(' or ');
  return c.not ? `${c.entity_id} is '${entity.state}' (the condition wants it not ${list})` : `${c.entity_id} is '${entity.state}', not ${list}`;
}

function numericReason(c: Extract<Condition, { type: 'numeric' }>, env: ConditionEnv): string | null {
  const entity = env.getState(c.entity_id);
  if (!entity) return `${c.entity_id} is not known to Home Assistant`;
  const raw = c.attribute !== undefined ? entity.attributes[c.attribute] : entity.state;
  const what = c.attribute !== undefined ? `${c.entity_id} ${c.attribute}` : c.entity_id;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) return `${what} is '${String(raw)}', not a number`;
  if (c.above !== undefined && !(value > c.above)) return `${what} is ${value}, not above ${c.above}`;
  if (c.below !== undefined && !(value < c.below)) return `${what} is ${value}, not below ${c.below}`;
  return null;
}

/** Seconds of the day of `now` in the zone, and its ISO weekday. */
function localClock(env: ConditionEnv): { seconds: number; weekday: number; text: string } {
  const w = toWall(env.now, env.zone);
  const weekday = ((new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7) + 1;
  const text = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  return { seconds: (w.hour * 60 + w.minute) * 60 + w.second, weekday, text };
}

function timeReason(c: Extract<Condition, { type: 'time' }>, env: ConditionEnv): string | null {
  const { seconds, text } = localClock(env);
  const after = c.after !== undefined ? parseTimeOfDay(c.after) : null;
  const before = c.before !== undefined ? parseTimeOfDay(c.before) : null;
  let inside: boolean;
  if (after !== null && before !== null) {
    // A window whose end is earlier than its start crosses midnight (22:00–06:00).
    inside = after <= before ? seconds >= after && seconds < before : seconds >= after || seconds < before;
  } else if (after !== null) inside = seconds >= after;
  else if (before !== null) inside = seconds < before;
  else inside = true;
  if (inside) return null;
  const window = [c.after ? `after ${c.after}` : '', c.before ? `before ${c.before}` : ''].filter(Boolean).join(' and ');
  return `it is ${text} in ${env.zone}, not ${window}`;
}

function weekdayReason(c: Extract<Condition, { type: 'weekday' }>, env: ConditionEnv): string | null {
  const { weekday } = localClock(env);
  if (c.weekdays.includes(weekday)) return null;
  return `it is ${WEEKDAY_NAMES[weekday]}, not ${c.weekdays.map((d) => WEEKDAY_NAMES[d]).join(', ')}`;
}

function reasonOf(c: Condition, env: ConditionEnv): string | null {
  switch (c.type) {
    case 'state': return stateReason(c, env);
    case 'numeric': return numericReason(c, env);
    case 'time': return timeReason(c, env);
    case 'weekday': return weekdayReason(c, env);
  }
}

/** Why the run must be skipped ("condition 2: sensor.soil is 41, not below 35"), or null when every condition holds. */
export function failedCondition(conditions: Condition[], env: ConditionEnv): string | null {
  for (const [i, c] of conditions.entries()) {
    const reason = reasonOf(c, env);
    if (reason !== null) return `condition ${i + 1}: ${reason}`;
  }
  return null;
}
