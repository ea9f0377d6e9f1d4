/**
 * One entity's simulated week: every window, action, ramp and end action that schedules aim at it,
 * in time order, through the live rules. Windows go into an OpenWindows index like the live one;
 * each acting step is asked of the entity gates (overrides) and of the conflict rule
 * (conflict-rule.ts `contenders`, `ruleVerdict`) exactly as the executor asks them. The detector
 * adds what the live gates cannot see because it is not a window: two actions within a minute of
 * each other, and a window that opens while another schedule's ramp is still stepping.
 */
import type { StepAction } from '../../domain/action.js';
import { contenders, ruleVerdict, type ConflictDecisions, type RuleContext } from '../conflict-rule.js';
import { sameWant, type EntityGate, type GateContext } from '../entity-gates.js';
import { OpenWindows, type LiveWindow } from '../open-windows.js';
import { kindOf } from './wants.js';

/** Two actions this close on one entity fight: whichever lands last wins, by accident of timing. */
export const SIMULTANEOUS_MS = 60_000;

/**
 * At most this many pairs of schedules are reported fighting over one entity. A device with more
 * is overloaded (hundreds of schedules on one light would otherwise make hundreds of thousands of
 * pairs, and gigabytes): the sweep stops at the first pair past the limit, so the earliest fights
 * are listed and the entity is reported as saturated.
 */
export const MAX_PAIRS_PER_ENTITY = 25;

/** Something a schedule does to the entity: a window held, one action, a ramp's steps, a window's end. */
export interface Claim {
  kind: 'window' | 'point' | 'span' | 'end';
  scheduleId: string;
  name: string;
  priority: number;
  start: number;
  /** Windows and spans; equal to `start` for actions. */
  end: number;
  action: StepAction;
}

export interface EntityClash {
  kind: 'state' | 'level';
  entityId: string;
  a: Claim;
  b: Claim;
  from: number;
  to: number;
  /** Who has the entity at run time (the rule or the remembered decision). */
  winner: string;
}

export interface SweepEnv {
  /** Gates before the conflict rule (overrides): an entity they hold back does not act. */
  gates: readonly EntityGate[];
  decisions: ConflictDecisions;
}

type Event = { at: number; order: number; claim: Claim; id: number };
/** At one instant: windows close, then open, then actions act. */
const CLOSE = 0;
const OPEN = 1;
const ACT = 2;

function eventsOf(claims: readonly Claim[]): Event[] {
  const events: Event[] = [];
  claims.forEach((claim, id) => {
    if (claim.kind === 'window') {
      events.push({ at: claim.start, order: OPEN, claim, id }, { at: claim.end, order: CLOSE, claim, id });
    } else {
      events.push({ at: claim.start, order: ACT, claim, id });
    }
  });
  return events.sort((x, y) => x.at - y.at || x.order - y.order || (x.claim.scheduleId < y.claim.scheduleId ? -1 : x.claim.scheduleId > y.claim.scheduleId ? 1 : 0));
}

function liveWindow(claim: Claim, id: number, entityId: string): LiveWindow {
  return { runId: id, scheduleId: claim.scheduleId, name: claim.name, priority: claim.priority, action: claim.action, start: claim.start, end: claim.end, entities: [entityId] };
}

function contextOf(claim: Claim, id: number, at: number): RuleContext & GateContext {
  return { runId: id, scheduleId: claim.scheduleId, name: claim.name, priority: claim.priority, role: claim.kind === 'end' ? 'end' : 'main', action: claim.action, now: at, since: claim.start };
}

/** Whether an action of either kind pairs up in the "within a minute" rule (hand-overs between windows do not). */
function pointLike(claim: Claim): boolean {
  return claim.kind === 'point' || claim.kind === 'span';
}

export class EntitySweep {
  private readonly windows = new OpenWindows();
  private readonly spans: { claim: Claim; id: number }[] = [];
  private readonly recent: { claim: Claim; at: number }[] = [];
  private readonly clashes: EntityClash[] = [];
  private readonly pairs = new Set<string>();
  private full = false;
  private stopped = NaN;

  constructor(private readonly entityId: string, private readonly env: SweepEnv) {}

  /** More than MAX_PAIRS_PER_ENTITY pairs fight over the entity: the sweep stopped at the first one past it. */
  get saturated(): boolean {
    return this.full;
  }

  /** The instant of the event the sweep stopped at when saturated (NaN otherwise). */
  get stoppedAt(): number {
    return this.stopped;
  }

  /** The clashes among `claims` on the entity (up to the first pair past the limit). */
  run(claims: readonly Claim[]): EntityClash[] {
    for (const e of eventsOf(claims)) {
      if (e.order === CLOSE) this.windows.remove(e.id);
      else if (e.order === OPEN) this.open(e.claim, e.id, e.at);
      else this.act(e.claim, e.id, e.at);
      if (this.full) {
        this.stopped = e.at;
        break;
      }
    }
    return this.clashes;
  }

  /** Held back by a gate before the rule (a person holds the entity): it does not act. */
  private held(ctx: GateContext): boolean {
    return this.env.gates.some((gate) => gate(this.entityId, ctx)?.act === false);
  }

  private open(claim: Claim, id: number, at: number): void {
    const ctx = contextOf(claim, id, at);
    if (!this.held(ctx)) {
      this.fight(claim, ctx, claim.end);
      for (const span of this.spans) {
        if (span.claim.end <= at || span.claim.scheduleId === claim.scheduleId || sameWant(span.claim.action, claim.action)) continue;
        // The ramp's next step is gated against the window that just opened.
        const stepCtx = contextOf(span.claim, span.id, at);
        const verdict = ruleVerdict([liveWindow(claim, id, this.entityId)], this.entityId, stepCtx, this.env.decisions);
        this.clash(span.claim, claim, at, Math.min(span.claim.end, claim.end), verdict?.act === false ? claim.scheduleId : span.claim.scheduleId);
      }
      this.near(claim, at);
    }
    // The live index holds a window whatever its gates said: when the keeper closes, its state comes back.
    this.windows.add(liveWindow(claim, id, this.entityId));
  }

  private act(claim: Claim, id: number, at: number): void {
    const ctx = contextOf(claim, id, at);
    if (this.held(ctx)) return;
    // A window's end inside another hands the entity back (the gate leaves it): no fight.
    if (claim.kind !== 'end') this.fight(claim, ctx, claim.kind === 'span' ? claim.end : at);
    this.near(claim, at);
    if (claim.kind === 'span') {
      for (let i = this.spans.length - 1; i >= 0; i--) if (this.spans[i]!.claim.end <= at) this.spans.splice(i, 1);
      this.spans.push({ claim, id });
    }
  }

  /** The conflict rule against the windows open now: every contender is a clash; the verdict says who keeps the entity. */
  private fight(claim: Claim, ctx: RuleContext, until: number): void {
    for (const w of contenders(this.windows.on(this.entityId), ctx)) {
      const verdict = ruleVerdict([w], this.entityId, ctx, this.env.decisions);
      const rival: Claim = { kind: 'window', scheduleId: w.scheduleId, name: w.name, priority: w.priority, start: w.start, end: w.end, action: w.action };
      this.clash(rival, claim, ctx.now, Math.min(until, w.end), verdict?.act === false ? w.scheduleId : claim.scheduleId);
    }
  }

  /** Two actions of different schedules within a minute that want different things. */
  private near(claim: Claim, at: number): void {
    while (this.recent.length > 0 && at - this.recent[0]!.at > SIMULTANEOUS_MS) this.recent.shift();
    for (const r of this.recent) {
      if (r.claim.scheduleId === claim.scheduleId || sameWant(r.claim.action, claim.action)) continue;
      if (!pointLike(r.claim) && !pointLike(claim)) continue;
      // Neither is a window the gate could weigh: the later action wins.
      this.clash(r.claim, claim, r.at, at, claim.scheduleId);
    }
    this.recent.push({ claim, at });
  }

  private clash(a: Claim, b: Claim, from: number, to: number, winner: string): void {
    const kind = kindOf(a.action, b.action);
    const pair = a.scheduleId < b.scheduleId ? `${kind}\u0000${a.scheduleId}\u0000${b.scheduleId}` : `${kind}\u0000${b.scheduleId}\u0000${a.scheduleId}`;
    if (!this.pairs.has(pair)) {
      if (this.pairs.size >= MAX_PAIRS_PER_ENTITY) {
        this.full = true;
        return;
      }
      this.pairs.add(pair);
    }
    this.clashes.push({ kind, entityId: this.entityId, a, b, from, to: Math.max(from, to), winner });
  }
}
