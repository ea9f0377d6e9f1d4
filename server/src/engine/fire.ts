/**
 * The fire path: schedules the dispatcher found due. In the normal case one occurrence runs and the
 * next is planned; when more came due than one (an outage, a suspend) or the fire is later than
 * `misfire_grace_seconds`, the catch-up policy decides. All due schedules of one wake-up are
 * claimed in one transaction, ahead of their instant; their service calls leave at the instant, and
 * the bookkeeping (events, then after a pause the next fires written) follows the calls.
 */
import { missedAlert } from '../notify/messages.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { SYSTEM_ACTOR, saveDerived } from './accounting.js';
import { planCatchUp, type CatchUpPlan } from './catch-up.js';
import { performance } from 'node:perf_hooks';
import { MAX_PREPARE_AHEAD_MS, PREPARE_AHEAD_MS, armSchedule, haAvailable, scheduleKey, transact, type Batch, type EngineCore } from './core.js';
import { applyPlan, planAfter, replan, runsExhausted, stepperFor, type PlanEnv } from './planner.js';
import type { Occurrence, RunPipeline } from './run-pipeline.js';

/**
 * A fire later than this (after its planned instant) is recorded with trigger `catch_up`: the
 * timer itself fires within milliseconds, so this much lateness means the process or HA was away.
 */
export const LATE_AFTER_MS = 2_000;
/** A schedule whose fire threw is retried after this long. */
const FIRE_ERROR_RETRY_MS = 60_000;
/** Weight of the newest fire batch in the moving average of their cost. */
const COST_SMOOTHING = 0.3;

/** A schedule handled by a wake-up: its newest occurrence dealt with (null: only its pause ended). */
interface Fired {
  s: ScheduleRecord;
  lastDue: number | null;
  /** When it completed with this fire (planned in memory; written and audited with the bookkeeping). */
  completedAt?: number;
}

/** What one wake-up did, for its bookkeeping. */
interface Wake {
  fired: Map<string, Fired>;
  resumed: string[];
  /** The latest instant whose calls were prepared (the bookkeeping follows them); null: none ahead. */
  instant: number | null;
}

export class Firing {
  private costMs = 0;
  /** Saves of fired schedules waiting for the pause after their calls; each runs its save at once. */
  private readonly pending = new Set<() => void>();
  /** Called after the commit with schedules whose timed pause just ended (their windows are re-applied). */
  onResumed: ((ids: string[]) => void) | null = null;

  constructor(
    private readonly core: EngineCore,
    private readonly starter: RunPipeline,
    /** Runs a function once the calls prepared for an instant left (executor.ts `afterInstant`). */
    private readonly afterInstant: (at: number, fn: () => void) => void,
  ) {}

  private env(): PlanEnv {
    return { location: this.core.location(), random: this.core.random };
  }

  /**
   * Dispatcher callback, ahead of the instant by `leadMs()`. The claim first: one transaction
   * writes the runs (what exactly-once needs before a call may leave), and after its commit each
   * run's calls are prepared (executor.ts) and wait for the instant. Then each schedule's next fire
   * is planned in memory, so that anything re-arming it meanwhile sees the next occurrence, not this
   * one. The bookkeeping waits until the calls left: the claim's events go out, and a moment later
   * (the process pauses so that HA reads the calls first) a second transaction writes the schedules'
   * derived fields. A crash before it leaves `next_run_at` on an
   * occurrence that already has its run, which the unique run key turns into a no-op at the next
   * start (recovery also repairs `run_count`).
   */
  fireDue(ids: string[]): void {
    const core = this.core;
    const wake: Wake = { fired: new Map(), resumed: [], instant: null };
    const started = performance.now();
    let claims: Batch | null = null;
    transact(core, (batch) => {
      claims = batch;
      batch.holdAnnouncements();
      // Runs due at one instant meet their locks in line order: planned time, priority, schedule id.
      for (const id of inLineOrder(core, ids)) {
        try {
          this.fireOne(batch, id, wake);
        } catch (error) {
          // A broken schedule must not stop the others. What it wrote stays consistent enough: its
          // runs are keyed by occurrence, so nothing can run twice; its record is read again.
          // It is looked at again a minute later (not at once: the same fault would spin).
          wake.fired.delete(id);
          batch.after(() => {
            core.cache.invalidate([id]);
            core.dispatcher.set(scheduleKey(id), core.clock.now() + FIRE_ERROR_RETRY_MS);
          });
          core.logger.error({ err: error, schedule: id }, 'could not fire the schedule');
        }
      }
    });
    const now = core.clock.now();
    for (const f of wake.fired.values()) this.planNext(f, now);
    this.measure(performance.now() - started);
    if (wake.instant !== null) {
      this.afterInstant(wake.instant, () => this.bookkeeping(wake, claims, true));
      core.clock.beforeInstant?.();
    } else this.bookkeeping(wake, claims, false);
  }

  /** Writes what waits for a pause now (on stop). */
  flushPending(): void {
    for (const now of [...this.pending]) now();
  }

  /**
   * After the calls: the held events announced at once (the runs started), then, once the process
   * has paused when calls just left (HA reads them first: `Clock.afterPause`), the schedules' derived
   * fields written and completions audited. Anything else that writes a schedule meanwhile (its
   * run's result, an edit) works on the same cached record, whose next fire is already planned.
   */
  private bookkeeping(wake: Wake, claims: Batch | null, callsLeft: boolean): void {
    const clock = this.core.clock;
    claims?.releaseAnnouncements(this.core.logger);
    if (!callsLeft || !clock.afterPause) return this.saveFired(wake);
    const now = clock.afterPause(() => {
      this.pending.delete(now);
      this.saveFired(wake);
    });
    this.pending.add(now);
  }

  private saveFired(wake: Wake): void {
    const core = this.core;
    try {
      if (wake.fired.size > 0) {
        transact(core, (batch) => {
          for (const f of wake.fired.values()) this.saveNext(batch, f);
        });
      }
    } catch (error) {
      core.logger.error({ err: error }, 'could not write the schedules after their fire');
    }
    if (wake.resumed.length > 0) this.onResumed?.(wake.resumed);
  }

  /** Twice the recent cost of preparing a fire batch (moving average), the lead the dispatcher gives fires. */
  leadMs(): number {
    return Math.min(MAX_PREPARE_AHEAD_MS, Math.max(PREPARE_AHEAD_MS, Math.ceil(2 * this.costMs)));
  }

  private measure(ms: number): void {
    this.costMs = this.costMs * (1 - COST_SMOOTHING) + ms * COST_SMOOTHING;
  }

  private fireOne(batch: Batch, id: string, wake: Wake): void {
    const core = this.core;
    const s = core.cache.get(id);
    if (!s || !s.enabled || s.completed_at !== null) return;
    const now = core.clock.now();
    if (s.paused) {
      if (s.paused_until === null) return;
      if (s.paused_until > now) {
        batch.after(() => armSchedule(core, s));
        return;
      }
      this.endPause(batch, s, now);
      wake.resumed.push(s.id);
      wake.fired.set(s.id, { s, lastDue: null });
    }
    if (s.next_run_at === null) return;
    if (s.next_run_at > now + core.leadMs()) {
      batch.after(() => armSchedule(core, s));
      return;
    }
    if (!haAvailable(core)) {
      core.held.add(scheduleKey(s.id));
      return;
    }
    // On time (the hot path), its calls leave at this instant; the bookkeeping waits for them.
    const instant = now - s.next_run_at <= LATE_AFTER_MS ? s.next_run_at : null;
    wake.fired.set(s.id, { s, lastDue: this.fireOccurrences(batch, s, now) });
    if (instant !== null) wake.instant = Math.max(wake.instant ?? instant, instant);
  }

  /** Plans the next fire after the occurrences just handled, in memory (the record is written by `saveNext`). */
  private planNext(f: Fired, now: number): void {
    const { s, lastDue } = f;
    // Prepared ahead, the last run starts a few ms after `now`: the schedule completes with it.
    const at = Math.max(now, s.last_run_at ?? now);
    if (lastDue !== null && applyPlan(s, planAfter(s, lastDue, this.env()), at)) f.completedAt = at;
  }

  /**
   * Writes the schedule's derived fields (and its completion) once its calls left. A record that was
   * replaced meanwhile (edited, deleted) is left alone: its own write carried the newer fields.
   */
  private saveNext(batch: Batch, f: Fired): void {
    const { s } = f;
    if (this.core.cache.peek(s.id) !== s) return;
    if (f.completedAt !== undefined) this.completed(s, f.completedAt);
    saveDerived(this.core, batch, s);
  }

  /** A timed pause ended: the schedule runs again from its next occurrence (no catch-up of the pause). */
  private endPause(batch: Batch, s: ScheduleRecord, now: number): void {
    s.paused = false;
    s.paused_until = null;
    s.pause_note = null;
    if (s.next_run_at === null) replan(s, now, this.env());
    this.core.audit.record(now, SYSTEM_ACTOR, 'resume', 'schedule', s.id, { paused: true }, { paused: false });
    batch.after(() => this.core.notifier.resolve('schedule_paused', s.id));
  }

  /** Runs (or records as missed) the due occurrences; returns the newest one handled. */
  private fireOccurrences(batch: Batch, s: ScheduleRecord, now: number): number {
    const planned = s.next_planned_at ?? s.next_run_at!;
    // Timer jitter is not an outage: even a grace of 0 s accepts a fire that is only LATE_AFTER_MS late.
    const graceMs = Math.max(s.policy.misfire_grace_seconds * 1000, LATE_AFTER_MS);
    const lateness = now - s.next_run_at!;
    if (lateness <= LATE_AFTER_MS) {
      // The hot path: on time. A following occurrence that is due as well fires on the next turn.
      this.runOccurrence(batch, s, { planned, fireAt: s.next_run_at!, trigger: 'schedule' }, now, false);
      return planned;
    }
    const env = this.env();
    const following = planAfter(s, planned, env);
    if (lateness <= graceMs && (following.kind !== 'next' || following.next.planned > now)) {
      this.runOccurrence(batch, s, { planned, fireAt: s.next_run_at!, trigger: 'catch_up' }, now, false);
      return planned;
    }
    const plan = planCatchUp({ trigger: s.trigger, step: stepperFor(s, env.location), first: planned, now, graceMs, policy: s.policy.catch_up, endAt: s.end_at });
    this.recordMissed(batch, s, plan);
    plan.run.forEach((at, i) => this.runOccurrence(batch, s, { planned: at, fireAt: at, trigger: 'catch_up' }, now, i > 0));
    return plan.lastDue;
  }

  private recordMissed(batch: Batch, s: ScheduleRecord, plan: CatchUpPlan): void {
    for (const at of plan.missed) {
      const summary = plan.summary?.at === at ? plan.summary : null;
      const note = summary
        ? `${summary.capped ? 'more than ' : ''}${summary.count} occurrences were missed from ${new Date(summary.from).toISOString()} to ${new Date(summary.to).toISOString()}; the first ones and this last one are listed`
        : 'missed: Almanac or Home Assistant was not available, and the catch-up policy did not run it';
      this.starter.missed(batch, s, at, note);
    }
    if (plan.missed.length > 0) {
      const info = plan.summary ?? { count: plan.missed.length, capped: false, from: plan.missed[0]!, to: plan.missed.at(-1)! };
      batch.after(() => this.core.notifier.raise(missedAlert(s, info)));
    }
  }

  /** `queued`: a later occurrence of the same catch-up, which waits for the earlier ones. */
  private runOccurrence(batch: Batch, s: ScheduleRecord, occ: Occurrence, now: number, queued: boolean): void {
    if (runsExhausted(s)) return;
    if (occ.trigger === 'catch_up' && s.duration_seconds !== null && occ.planned + s.duration_seconds * 1000 <= now) {
      this.starter.missed(batch, s, occ.planned, 'missed: its window was already over when Almanac could run it');
      return;
    }
    this.starter.begin(batch, s, occ, { conditions: true, overlap: queued ? 'queue' : true, count: true });
  }

  private completed(s: ScheduleRecord, now: number): void {
    const reason = runsExhausted(s) ? `max_runs (${s.max_runs}) reached` : s.end_at !== null && s.end_at <= now ? 'end_at passed' : 'no further occurrence';
    this.core.audit.record(now, SYSTEM_ACTOR, 'complete', 'schedule', s.id, undefined, { completed_at: now, reason });
    this.core.logger.info({ schedule: s.id, reason }, 'schedule completed');
  }
}

/** Schedule ids sorted as their runs must queue for a shared lock (lock-table.ts `lineOrder`). */
function inLineOrder(core: EngineCore, ids: string[]): string[] {
  if (ids.length < 2) return ids;
  const key = (id: string): { planned: number; priority: number } => {
    const s = core.cache.get(id);
    return { planned: s?.next_planned_at ?? s?.next_run_at ?? Number.MAX_SAFE_INTEGER, priority: s?.priority ?? 0 };
  };
  const keys = new Map(ids.map((id) => [id, key(id)]));
  return [...ids].sort((a, b) => keys.get(a)!.planned - keys.get(b)!.planned || keys.get(b)!.priority - keys.get(a)!.priority || (a < b ? -1 : a > b ? 1 : 0));
}
