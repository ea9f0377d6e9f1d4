/** The engine's public contract: what the API, the MQTT bridge and the import use. */
import type { EngineHealthDto } from '../api/types.js';
import type { Run, RunStatus, RunTrigger, Schedule, ScheduleState } from '../domain/schedule.js';
import type { PreviewItem } from '../time/index.js';
import type { Actor } from '../store/audit.js';

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
}

export interface ScheduleFilter {
  tag?: string;
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

/** `GET /api/schedules/counts`: how many schedules match, and per filter value how many would. */
export interface ScheduleCounts {
  /** Every schedule. */
  total: number;
  /** Those matching every filter and the search. */
  matching: number;
  /** Per facet: those matching the search and the OTHER filters, by the facet's value. */
  by_state: Record<ScheduleState, number>;
  by_type: Record<string, number>;
  tags: Record<string, number>;
  entities: Record<string, number>;
}

/** One item of an import: a draft (with the id to keep), or the problems that kept the caller from reading one (paths relative to the item). */
export type ImportEntry = { id?: string; draft: ScheduleDraft } | { problems: { path: string; message: string }[] };

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
  since?: number;
  until?: number;
  limit: number;
  /** Opaque cursor from the previous page (runs are listed newest first). */
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
  /** One page of schedules in a stable order; InvalidCursorError for a cursor this server did not hand out for this query. */
  page(query: SchedulePageQuery): { items: ScheduleView[]; next_cursor: string | null };
  /** Counts for the list's filters, from one query. */
  counts(filter: ScheduleFilter & { lang?: 'en' | 'de' }): ScheduleCounts;
  /** Names of existing schedules among `ids`. */
  names(ids: readonly string[]): Map<string, string>;
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
}
