/**
 * A grow as people read it, computed from the stored grow, its recipe version and a moment: status,
 * day ("day 12 of 45"), phase with its dates, the next change and when it comes. Pure; every
 * date is a local date in the grow's zone, every instant epoch ms.
 */
import type { Grow, GrowStatus } from '../domain/grow.js';
import { totalDays, type RecipeVersion } from '../domain/recipe.js';
import { dateOf, dayOf, dayStart, phaseSpans, position, today, type PhaseSpan } from './grow-calendar.js';

export interface PhaseInfo {
  index: number;
  name: string;
  days: number;
  starts_on: string;
  ends_on: string;
}

export interface CurrentPhase extends PhaseInfo {
  /** 1 on the phase's first day. */
  day: number;
}

export interface NextChange {
  /** Local midnight of the day it happens. */
  at: number;
  on: string;
  kind: 'start' | 'phase' | 'end';
  /** The phase that begins (start, phase); null at the end. */
  phase_index: number | null;
  phase_name: string | null;
}

export interface GrowView {
  grow: Grow;
  recipe: RecipeVersion;
  status: GrowStatus;
  end_date: string;
  total_days: number;
  /** 1 on the start date; ≤ 0 while planned; frozen at the last day once over. */
  day: number;
  days_left: number;
  phase: CurrentPhase | null;
  phases: PhaseInfo[];
  next_change: NextChange | null;
}

export function spansOf(grow: Pick<Grow, 'start_date'>, recipe: Pick<RecipeVersion, 'phases'>): PhaseSpan[] {
  return phaseSpans(dayOf(grow.start_date), recipe.phases);
}

function info(span: PhaseSpan): PhaseInfo {
  return { index: span.index, name: span.name, days: span.days, starts_on: dateOf(span.start_day), ends_on: dateOf(span.end_day) };
}

/** The status the grow has at `now`: stored when final, else from the date. */
export function statusAt(grow: Grow, spans: readonly PhaseSpan[], now: number): GrowStatus {
  if (grow.status === 'completed' || grow.status === 'cancelled') return grow.status;
  const stage = position(spans, today(now, grow.timezone)).stage;
  return stage === 'over' ? 'completed' : stage;
}

/** The day the view is read on: today, the day it was cancelled, or its last day once completed. */
function referenceDay(grow: Grow, spans: readonly PhaseSpan[], status: GrowStatus, now: number): number {
  const last = spans.at(-1)?.end_day ?? dayOf(grow.start_date);
  if (status === 'cancelled') return Math.min(today(grow.ended_at ?? now, grow.timezone), last);
  if (status === 'completed') return last;
  return today(now, grow.timezone);
}

export function growView(grow: Grow, recipe: RecipeVersion, now: number): GrowView {
  const spans = spansOf(grow, recipe);
  const status = statusAt(grow, spans, now);
  const total = totalDays(recipe.phases);
  const pos = position(spans, referenceDay(grow, spans, status, now));
  const live = status === 'planned' || status === 'active';
  const next = live && pos.next
    ? { at: dayStart(pos.next.day, grow.timezone), on: dateOf(pos.next.day), kind: pos.next.kind, phase_index: pos.next.phase?.index ?? null, phase_name: pos.next.phase?.name ?? null }
    : null;
  return {
    grow,
    recipe,
    status,
    end_date: dateOf((spans.at(-1)?.end_day ?? dayOf(grow.start_date) - 1)),
    total_days: total,
    day: pos.day,
    days_left: status === 'planned' ? total : live ? Math.max(0, total - pos.day) : 0,
    phase: live && pos.phase ? { ...info(pos.phase), day: pos.phase_day ?? 1 } : status === 'cancelled' && pos.phase ? { ...info(pos.phase), day: pos.phase_day ?? 1 } : null,
    phases: spans.map(info),
    next_change: next,
  };
}
