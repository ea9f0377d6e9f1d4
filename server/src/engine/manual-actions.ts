/**
 * Manual control: a person switches a device, sets a level or runs a ramp now, from the panel (an
 * entity row, a zone), the API or the CLI. Each action is a run of its own (trigger `manual`, no
 * schedule), sent through the same executor and recorded with the person and HA's answer, so
 * History shows it like every other run. Validated like a schedule's target and action; audited.
 */
import type { StepAction } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import { DEFAULT_POLICY, type Policy, type Run } from '../domain/schedule.js';
import type { Actor } from '../store/audit.js';
import { transact, type EngineCore } from './core.js';
import { InvalidScheduleError } from './errors.js';
import { snapshot } from './run-ledger.js';
import type { RunPipeline } from './run-pipeline.js';
import { validateManual } from './validate.js';

/**
 * A person who pressed a button sees the answer at once and can press again: no retries (a retry
 * of a toggle a minute later would surprise them), never paused, no catch-up.
 */
export const MANUAL_POLICY: Policy = { ...DEFAULT_POLICY, retries: 0, pause_after_failures: 0, catch_up: 'skip', overlap: 'allow' };

export interface ManualActionInput {
  target: Target;
  action: StepAction;
  note: string | null;
}

const VERBS: Partial<Record<StepAction['type'], string>> = { on: 'Turn on', off: 'Turn off', toggle: 'Toggle', scene: 'Activate', script: 'Run' };
/** Names listed in a manual run's label before "+N more". */
const NAMES_LISTED = 3;

function verb(action: StepAction): string {
  switch (action.type) {
    case 'set_level': return `Set to ${action.percent} %`;
    case 'ramp': return `Ramp ${action.from} → ${action.to} %`;
    case 'service': return action.service;
    case 'notify': return `Notify via ${action.service}`;
    case 'mqtt_publish': return `Publish to ${action.topic}`;
    default: return VERBS[action.type] ?? action.type;
  }
}

/** A label for lists: "Turn on Shelf 1 light", "Set to 40 % Shelf 2 (light)". */
export function manualName(core: EngineCore, target: Target, action: StepAction): string {
  const names: string[] = [];
  if (target.zone_id !== undefined) names.push(`${core.zones.zoneName(target.zone_id) ?? target.zone_id} (${target.role ?? 'devices'})`);
  for (const id of target.entity_id ?? []) {
    const friendly = core.ha.getState(id)?.attributes.friendly_name;
    names.push(typeof friendly === 'string' && friendly ? friendly : id);
  }
  for (const id of [...(target.area_id ?? []), ...(target.device_id ?? []), ...(target.label_id ?? [])]) names.push(id);
  const listed = names.slice(0, NAMES_LISTED).join(', ') + (names.length > NAMES_LISTED ? ` +${names.length - NAMES_LISTED} more` : '');
  return listed ? `${verb(action)} ${listed}` : verb(action);
}

/** Sends a manual action now; resolves with its run (status `running`, or `failed` when its zone names nothing). */
export function manualAction(core: EngineCore, pipeline: RunPipeline, input: ManualActionInput, actor: Actor): Run {
  const problems = validateManual(input.target, input.action, { ha: core.ha, location: core.location(), zones: core.zones });
  if (problems.length > 0) throw new InvalidScheduleError(problems);
  const run = transact(core, (batch) => {
    const created = pipeline.manual(batch, { ...input, name: manualName(core, input.target, input.action) }, actor);
    core.audit.record(core.clock.now(), actor, 'manual_action', 'action', created.id, undefined, { target: input.target, action: input.action, note: input.note, run_id: created.id });
    return created;
  });
  return snapshot(run);
}
