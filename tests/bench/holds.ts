/**
 * Holds on the fire path (`npm run bench -- holds`): what the override gate adds to every step.
 *
 * 1. Gate cost per entity: `gateTarget` over a 20-entity target with the engine's gates, without
 *    the override gate (the baseline: the conflict rule alone, as before holds existed), with it and
 *    no holds, with 1,000 holds on other devices, and with every entity held. Median of rounds.
 * 2. Telling our own state changes apart: `OwnCalls.isOurs` with 20,000 remembered contexts, and
 *    the cost of remembering one (a call's answer).
 *
 * Figures, not pass/fail; ratios are against the baseline measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import type { RegistryView } from '../../server/src/engine/actions/index.js';
import type { GateContext } from '../../server/src/engine/entity-gates.js';
import { gateTarget, type EntityGate } from '../../server/src/engine/entity-gates.js';
import { OpenWindows, priorityGate } from '../../server/src/engine/open-windows.js';
import { OverrideBook } from '../../server/src/engine/overrides/book.js';
import { overrideGate } from '../../server/src/engine/overrides/gate.js';
import { OwnCalls } from '../../server/src/engine/overrides/own-calls.js';

const ENTITIES = 20;
const ROUNDS = 15;
const CALLS_PER_ROUND = 20_000;
const OTHER_HOLDS = 1_000;
const CONTEXTS = 20_000;
const NO_REGISTRY: RegistryView = {
  entities: () => [], areas: () => [], labels: () => [], devices: () => [], floors: () => [], entityPlace: () => ({ area_id: null, device_id: null, labels: [] }), registryLoaded: () => false,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Nanoseconds per entity gated, median over rounds. */
function gateNs(gates: EntityGate[]): number {
  const target = { entity_id: Array.from({ length: ENTITIES }, (_, i) => `light.shelf_${i}`) };
  const ctx: GateContext = { runId: 1, scheduleId: 's', name: 'bench', priority: 0, role: 'main', action: { type: 'on' }, now: Date.now(), since: Date.now() };
  const rounds: number[] = [];
  // The first round warms the JIT and is not counted.
  for (let r = 0; r <= ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) gateTarget(target, ctx, gates, NO_REGISTRY);
    if (r > 0) rounds.push(((performance.now() - start) * 1e6) / (CALLS_PER_ROUND * ENTITIES));
  }
  return Number(median(rounds).toFixed(1));
}

function book(holds: number, onTarget: boolean): OverrideBook {
  const b = new OverrideBook();
  const until = Date.now() + 3_600_000;
  for (let i = 0; i < holds; i++) b.add({ id: `o${i}`, entity_ids: [`switch.other_${i}`], created_at: 0, until, reason: 'held by bench' });
  if (onTarget) b.add({ id: 'all', entity_ids: Array.from({ length: ENTITIES }, (_, i) => `light.shelf_${i}`), created_at: 0, until, reason: 'held by bench' });
  return b;
}

function ownCalls(): { lookupNs: number; rememberNs: number } {
  let now = 1_000_000;
  const own = new OwnCalls({ now: () => now, setTimer: () => () => {} }, NO_REGISTRY);
  const call = (i: number): void => own.begin({ domain: 'light', service: 'turn_on', target: { entity_id: [`light.x_${i % 50}`] } })({ id: `ctx-${i}`, parent_id: null, user_id: 'supervisor' });
  for (let i = 0; i < CONTEXTS; i++) call(i);
  // Measured once the ledger is full: each answer then also evicts the oldest context.
  const start = performance.now();
  for (let i = CONTEXTS; i < 2 * CONTEXTS; i++) call(i);
  const rememberNs = ((performance.now() - start) * 1e6) / CONTEXTS;
  now += 1;
  const lookups: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) own.isOurs({ id: `ctx-${CONTEXTS + (i % CONTEXTS)}`, parent_id: `p-${i}`, user_id: null });
    lookups.push(((performance.now() - t) * 1e6) / CALLS_PER_ROUND);
  }
  return { lookupNs: Number(median(lookups).toFixed(1)), rememberNs: Number(rememberNs.toFixed(1)) };
}

export async function bench(): Promise<Record<string, unknown>> {
  const windows = new OpenWindows();
  const baseline = gateNs([priorityGate(windows)]);
  const none = gateNs([overrideGate(book(0, false)), priorityGate(windows)]);
  const others = gateNs([overrideGate(book(OTHER_HOLDS, false)), priorityGate(windows)]);
  const held = gateNs([overrideGate(book(OTHER_HOLDS, true)), priorityGate(windows)]);
  const own = ownCalls();
  const figures = {
    gate_ns_per_entity: { baseline_conflict_rule_only: baseline, with_override_gate_no_holds: none, with_1000_holds_elsewhere: others, every_entity_held: held },
    ratio_vs_baseline: { no_holds: Number((none / baseline).toFixed(2)), holds_elsewhere: Number((others / baseline).toFixed(2)), all_held: Number((held / baseline).toFixed(2)) },
    own_calls_ns: { is_ours_lookup: own.lookupNs, remember_answer: own.rememberNs, contexts: CONTEXTS },
  };
  console.log(JSON.stringify(figures));
  return figures;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) void bench();
