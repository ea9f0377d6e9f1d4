/** The engine's public contract: what the API, the MQTT bridge and the import use. */
import type { EngineHealthDto, ScheduleCountsDto } from '../api/types.js';
import type { Run, RunStatus, RunTrigger, Schedule, ScheduleState } from '../domain/schedule.js';
import type { PreviewItem } from '../time/index.js';
import type { Actor } from '../store/audit.js';
import type { FieldProblem } from './errors.js';
import type { ManualActionInput } from './manual-actions.js';
import type { HoldRequest } from './overrides/hold-request.js';
import type { Override } from '../domain/override.js';
import type { AuditEntry, AuditQuery } from '../store/audit.js';
import type { AuditRestorer, Restored } from './audit-restore.js';
import type { LockChanges, LockInput, LockView } from './locks/lock-commands.js';
import type { OwnedOptions } from './owned-schedules.js';
import type { ConflictsApi } from './conflicts/conflicts-api.js';
import type { LockWait } from './conflicts/lock-waits.js';

/** `EngineApi.lockWaits`: the waits, and the end of the forecast (no forecast waits after it). */
export interface LockWaits {
  items: LockWait[];
  until: number;
}

/** The user-editable part of a schedule, validated and normalised (instants as epoch ms, full policy). */
export type ScheduleDraft = Pick<
  Schedule,
  | 'name' | 'enabled' | 'trigger' | 'start_at' | 'end_at' | 'max_runs' | 'target' | 'action' | 'end_action'
  | 'duration_seconds' | 'conditions' | 'policy' | 'priority' | 'tags'
> & {
  /** null: HA's configured zone at creation time. */
  timezone: string | null;
};

export interface ScheduleView {
  schedule: Schedule;
  state: ScheduleState;
  /** A run, a window or a sequence of this schedule is in progress. */
  running: boolean;
  /** The open conflicts it is in (engine/conflicts). */
  conflict_ids: string[];
}

export interface ScheduleFilter {
  tag?: string;
  /** The schedules a grow materialised. */
  grow_id?: string;
  entity_id?: string;
  trigger_type?: string;
  state?: ScheduleState;
  q?: string;
}

/** A page of `GET /api/schedules`: filters, search, order, size and the previous page's cursor. */
export interface SchedulePageQuery extends ScheduleFilter {
  /** `name` (default: name, then id) or `next_run_at` (soonest first, never-again last, then id). */
  sort?: 'name' | 'next_run_at';
  limit: number;
  cursor?: string;
  /** The language whose trigger descriptions the search looks through (default en). */
  lang?: 'en' | 'de';
}

/** `GET /api/schedules/counts`: how many schedules match, and per filter value how many would (the API's shape as is). */
export type ScheduleCounts = ScheduleCountsDto;

/** One item of an import: a draft (with the id to keep), or the problems that kept the caller from reading one (paths relative to the item). */
export type ImportEntry = { id?: string; draft: ScheduleDraft } | { problems: FieldProblem[] };

export interface ImportSummary {
  imported: number;
  created: number;
  updated: number;
  deleted: number;
  /** Ids of the imported schedules, in the import's order. */
  ids: string[];
}

export interface RunFilter {
  schedule_id?: string;
  status?: RunStatus[];
  trigger?: RunTrigger;
  entity_id?: string;
  /** Runs that took or waited for this lock. */
  lock?: string;
  since?: number;
  until?: number;
  limit: number;
  /** Opaque cursor from the previous page (runs are listed newest first). */
  cursor?: string;
}

export interface HoldFilter {
  /** Only holds in force. */
  active?: boolean;
  entity_id?: string;
  limit: number;
  cursor?: string;
}

export interface Stats {
  schedules: { total: number; by_state: Record<ScheduleState, number>; by_trigger: Record<string, number> };
  runs: { by_status: Record<string, number>; last_24h: number; failures_24h: number };
  next_wake: number | null;
}

/** The engine facade. Every mutating command writes an audit entry for `actor`. */
export interface EngineApi {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Every schedule matching `filter`, by name. Parses each: for exports and bridges, not for lists (use `page`). */
  list(filter?: ScheduleFilter): ScheduleView[];
  /** The schedules alone, by name: no view, so nothing waits for the conflict check (the timeline). */
  schedules(filter?: ScheduleFilter): Schedule[];
  /** One page of schedules in a stable order; InvalidCursorError for a cursor this server did not hand out for this query. */
  page(query: SchedulePageQuery): { items: ScheduleView[]; next_cursor: string | null };
  /** Counts for the list's filters, from one query. */
  counts(filter: ScheduleFilter & { lang?: 'en' | 'de' }): ScheduleCounts;
  /** Names of existing schedules among `ids`. */
  names(ids: readonly string[]): Map<string, string>;
  /** Every schedule's id (nothing parsed). */
  ids(): string[];
  /** Ids of the grows' schedules (they change only with their grow). */
  ownedIds(): string[];
  get(id: string): ScheduleView;
  create(draft: ScheduleDraft, actor: Actor): ScheduleView;
  /** Whole-draft replace; `version` must equal the stored one (StaleVersionError otherwise). */
  update(id: string, draft: ScheduleDraft, version: number, actor: Actor): ScheduleView;
  delete(id: string, actor: Actor): void;
  enable(id: string, actor: Actor): ScheduleView;
  disable(id: string, actor: Actor): ScheduleView;
  /** `until` null: paused until resumed. */
  pause(id: string, until: number | null, note: string | null, actor: Actor): ScheduleView;
  resume(id: string, actor: Actor): ScheduleView;
  /** Locks with their holders and lines (see locks/lock-commands.ts). */
  locks(): LockView[];
  lock(name: string): LockView;
  /** Runs waiting for locks, planned in [from, to]: queued now, and forecast up to `until` (the conflict horizon). */
  lockWaits(from: number, to: number): LockWaits;
  createLock(input: LockInput, actor: Actor): LockView;
  updateLock(name: string, changes: LockChanges, actor: Actor): LockView;
  deleteLock(name: string, actor: Actor): void;
  /** A person's action on devices now (a run with trigger `manual` and no schedule); InvalidScheduleError on bad input. */
  act(input: ManualActionInput, actor: Actor): Run;
  /** Replaces the schedules owned by a grow (engine/owned-schedules.ts). */
  replaceOwned(owner: string, drafts: readonly ScheduleDraft[], actor: Actor, options?: OwnedOptions): ScheduleView[];
  /** Holds devices until a time, for a while or until the next scheduled change, optionally setting them now. */
  hold(request: HoldRequest, actor: Actor): Override;
  /** Ends a hold now; its devices go back to the state their open windows want. An ended hold is returned as it is. */
  endHold(id: string, actor: Actor): Override;
  getHold(id: string): Override;
  /** Holds, newest first. */
  listHolds(filter: HoldFilter): { items: Override[]; next_cursor: string | null };
  /** Ids of the schedules that touch the entity. */
  schedulesTouching(entityId: string): string[];
  /** The audit log, newest first; `next_cursor` continues it. */
  audit(query: AuditQuery): { items: AuditEntry[]; next_cursor: string | null };
  auditUsers(): { id: string | null; name: string }[];
  restorableSubjects(): string[];
  /** Re-applies an entry's `before` snapshot (StaleVersionError, AuditRestoreError, UnknownAuditEntryError). */
  restoreFromAudit(entryId: string, version: number | null, actor: Actor): Restored;
  addAuditRestorer(subject: string, restorer: AuditRestorer): void;
  /** Runs now with trigger `manual`, obeying the overlap policy. Resolves once the run row exists. */
  runNow(id: string, actor: Actor): Promise<Run>;
  preview(id: string, from: number, count: number): PreviewItem[];
  runs(filter: RunFilter): { items: Run[]; next_cursor: string | null };
  run(id: string): Run;
  stats(): Stats;
  health(): EngineHealthDto;
  dryRun(): boolean;
  setDryRun(on: boolean, actor: Actor): void;
  /**
   * Imports schedules in one transaction, all or nothing, reading `items` one at a time (an
   * iterable lets the caller validate lazily, so 10,000 items are never held in several shapes).
   * `merge`: items with a known id replace that schedule, others are created; `replace`: schedules
   * not in the import are deleted too. Problems are named `<prefix>.<index>.<path>` (prefix `items`).
   */
  importSchedules(items: Iterable<ImportEntry>, mode: 'merge' | 'replace', actor: Actor, prefix?: string): ImportSummary;
  /** HA's zone, used when a draft has no timezone. */
  defaultZone(): string;
  /** Conflicts between schedules in the coming days: detection, decisions, the draft check. */
  readonly conflicts: ConflictsApi;
}
