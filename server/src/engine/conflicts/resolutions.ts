/**
 * Resolving a conflict: `priority` (the winner keeps the entity while both want it; remembered,
 * and the run-time rule honours it), `disable` one schedule, `shift` one by N minutes (its trigger
 * moved by time/shift-trigger), or `accept` it (a known, wanted overlap). Each can be previewed
 * first: the conflict and the lanes as they would be, and what else the change would collide with.
 * The draft check of the schedule editor is the same simulation of a schedule not yet saved.
 */
import type { Conflict, ConflictView, ConflictWindow, Decision, Resolution } from '../../domain/conflict.js';
import type { Actor } from '../../store/audit.js';
import type { ConflictRepository } from '../../store/conflicts.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import { shiftTrigger } from '../../time/shift-trigger.js';
import { recordFrom } from '../commands.js';
import type { EngineCore } from '../core.js';
import { InvalidResolutionError, InvalidScheduleError, UnknownConflictError, type FieldProblem } from '../errors.js';
import { forward } from '../occurrences.js';
import { stepperFor } from '../planner.js';
import type { ScheduleDraft } from '../types.js';
import { validateDraft } from '../validate.js';
import type { DraftConflict, ResolutionPreview } from './conflicts-api.js';
import type { ConflictDetector } from './detector.js';
import { conflictLanes } from './lanes.js';
import { fingerprint } from './schedule-plan.js';
import { strategiesOf, type ConflictViews } from './views.js';
import { inTransaction } from '../../store/transaction.js';

/** The engine commands a resolution uses (audited as the user's own change of the schedule). */
export interface ResolutionCommands {
  disable(id: string, actor: Actor): void;
  update(id: string, draft: ScheduleDraft, version: number, actor: Actor): void;
}

export interface ResolutionContext {
  core: EngineCore;
  repo: ConflictRepository;
  detector: ConflictDetector;
  views: ConflictViews;
  commands: ResolutionCommands;
  zone: string;
  /** Re-checks the schedules a command just changed. */
  flush(): void;
}

/** The id a draft that was never saved is simulated under. */
const DRAFT_ID = 'draft';
const MINUTE_MS = 60_000;
/** Occurrences listed before and after a shift. */
const SHIFT_PREVIEW_COUNT = 5;

function conflictOf(ctx: ResolutionContext, id: string): Conflict {
  const c = ctx.detector.get(id);
  if (!c) throw new UnknownConflictError(id);
  return c;
}

/** Whether the resolution fits the conflict; InvalidResolutionError naming the field when not. */
function validate(c: Conflict, r: Resolution, detector: ConflictDetector): void {
  const problems: FieldProblem[] = [];
  const names = c.schedule_ids.join(', ');
  if (r.strategy === 'priority') {
    if (c.kind === 'lock_wait') problems.push({ path: 'strategy', message: 'a lock wait has no winner to choose: shift or disable one of its schedules, or accept it' });
    else if (!c.schedule_ids.includes(r.winner_id)) problems.push({ path: 'winner_id', message: `must be one of the conflict's schedules (${names})` });
    // Two actions at one moment: nothing is held, so nothing can be kept; the later one simply lands last.
    else if (!strategiesOf(detector, c).includes('priority')) problems.push({ path: 'strategy', message: 'neither schedule holds a window on the device, so there is nothing to keep: move one of them or accept it' });
  }
  if ((r.strategy === 'disable' || r.strategy === 'shift') && !c.schedule_ids.includes(r.schedule_id)) {
    problems.push({ path: 'schedule_id', message: `must be one of the conflict's schedules (${names})` });
  }
  if (problems.length > 0) throw new InvalidResolutionError(problems);
}

/** The schedule with its trigger moved, or InvalidResolutionError saying why it cannot be. */
function shifted(s: ScheduleRecord, minutes: number): ScheduleRecord {
  const result = shiftTrigger(s.trigger, minutes, { createdAt: s.created_at, startAt: s.start_at });
  if (!result.ok) throw new InvalidResolutionError([{ path: 'minutes', message: `"${s.name}" cannot be moved: ${result.message}` }]);
  return { ...s, trigger: result.trigger };
}

function draftOf(s: ScheduleRecord): ScheduleDraft {
  const { name, enabled, trigger, timezone, start_at, end_at, max_runs, target, action, end_action, duration_seconds, conditions, policy, priority, tags } = s;
  return { name, enabled, trigger, timezone, start_at, end_at, max_runs, target, action, end_action, duration_seconds, conditions, policy, priority, tags };
}

/** Applies the resolution, remembers the decision (audited) and answers the conflict as it is now. */
export function resolveConflict(ctx: ResolutionContext, id: string, r: Resolution, actor: Actor): ConflictView {
  const { core, detector, repo, views } = ctx;
  const c = conflictOf(ctx, id);
  validate(c, r, detector);
  const before = views.view(detector, c);
  if (r.strategy === 'disable') ctx.commands.disable(r.schedule_id, actor);
  if (r.strategy === 'shift') {
    const s = core.cache.require(r.schedule_id);
    ctx.commands.update(s.id, draftOf(shifted(s, r.minutes)), s.version, actor);
  }
  ctx.flush();
  const now = core.clock.now();
  const fingerprints = Object.fromEntries(c.schedule_ids.flatMap((sid) => {
    const s = core.cache.get(sid);
    return s ? [[sid, fingerprint(s)]] : [];
  }));
  const decision: Decision = { resolution: r, at: now, by: actor, fingerprints };
  inTransaction(core.db, () => {
    const record = repo.get(id) ?? { id, kind: c.kind, subject: c.entity_id ?? c.lock ?? '', schedule_ids: c.schedule_ids, first_seen_at: now, notified: false, decision: null };
    repo.save({ ...record, decision });
    core.audit.record(now, actor, 'resolve', 'conflict', id, { status: before.status, resolution: before.resolution ?? null }, { resolution: r });
  });
  const after = detector.get(id);
  if (after) return views.view(detector, after);
  // Disabled or moved apart: the conflict is gone; it is answered as it was, resolved.
  return { ...before, status: 'resolved', resolution: { ...r, at: now, user: actor }, lanes: conflictLanes(detector, c) };
}

/** Windows widened by a shift, so the lanes still show the moved items next to where they were. */
function widened(windows: readonly ConflictWindow[], minutes: number): ConflictWindow[] {
  const pad = Math.abs(minutes) * MINUTE_MS;
  return windows.map((w) => ({ from: w.from - pad, to: w.to + pad }));
}

function nextOccurrences(s: ScheduleRecord, ctx: ResolutionContext): number[] {
  try {
    return forward(stepperFor(s, ctx.core.location()), ctx.core.clock.now(), Number.MAX_SAFE_INTEGER, SHIFT_PREVIEW_COUNT).map((o) => o.at);
  } catch {
    return [];
  }
}

/** What the resolution would do, without doing it. */
export function previewResolution(ctx: ResolutionContext, id: string, r: Resolution): ResolutionPreview {
  const { core, detector, views } = ctx;
  const c = conflictOf(ctx, id);
  validate(c, r, detector);
  const base = views.view(detector, c);
  const decided = { at: core.clock.now(), user: { id: null, name: '' } };
  if (r.strategy === 'priority') return { conflict: { ...base, status: 'resolved', winner_id: r.winner_id, resolution: { ...r, ...decided } }, lanes: base.lanes, creates: [] };
  if (r.strategy === 'accept') return { conflict: { ...base, status: 'accepted', resolution: { ...r, ...decided } }, lanes: base.lanes, creates: [] };
  const s = core.cache.require(r.schedule_id);
  const changed = r.strategy === 'disable' ? { ...s, enabled: false } : shifted(s, r.minutes);
  const { conflicts, delta } = detector.probe(changed);
  const after = conflicts.find((x) => x.id === id);
  const windows = r.strategy === 'shift' ? widened(c.windows, r.minutes) : c.windows;
  const preview: ResolutionPreview = {
    conflict: after ? views.view(detector, after, delta) : null,
    lanes: conflictLanes(detector, { ...c, windows }, delta),
    creates: conflicts.filter((x) => x.id !== id && !detector.get(x.id)).map((x) => views.view(detector, x, delta)),
  };
  if (r.strategy === 'shift') {
    preview.trigger = { schedule_id: s.id, before: s.trigger, after: changed.trigger };
    preview.occurrences = { before: nextOccurrences(s, ctx), after: nextOccurrences(changed, ctx) };
  }
  return preview;
}

/** The conflicts saving `draft` would have (as schedule `id`, or as a new one). */
export function checkDraft(ctx: ResolutionContext, draft: ScheduleDraft, id: string | null): DraftConflict[] {
  const { core, detector, views } = ctx;
  const current = id !== null ? core.cache.require(id) : null;
  const zone = draft.timezone ?? current?.timezone ?? ctx.zone;
  const problems = validateDraft(draft, zone, { ha: core.ha, location: core.location(), zones: core.zones });
  if (problems.length > 0) throw new InvalidScheduleError(problems);
  const record: ScheduleRecord = current ? { ...current, ...draft, timezone: zone } : recordFrom(draft, DRAFT_ID, zone, core.clock.now());
  const { conflicts, delta } = detector.probe(record);
  return conflicts.map((c) => {
    const view = views.view(detector, c, delta);
    // A decision taken for the schedule as it is lapses if the draft changes what makes the conflict.
    const decision = ctx.repo.get(c.id)?.decision;
    const lapses = view.status !== 'open' && decision !== undefined && decision !== null && decision.fingerprints[record.id] !== fingerprint(record);
    return { ...view, ...(lapses ? { status: 'open' as const, winner_id: c.winner_id } : {}), new: !detector.get(c.id) };
  });
}
