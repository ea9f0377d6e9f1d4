/**
 * The editor's working copy of a schedule: the create/update input with every field present,
 * defaults for each trigger and action type, and field errors keyed by the API's paths
 * (`trigger.expression`, `action.steps.0.seconds`).
 */
import type { Problem, ScheduleDto, ScheduleInputDto } from '../../server/src/api/types.js';
import type { Action, ActionType, Condition, Policy, Target, Trigger, TriggerType } from './schedule-types.js';
import { fieldErrorText } from './error-message.js';

/** The server's defaults (domain/schedule.ts DEFAULT_POLICY), shown folded away in the editor. */
export const DEFAULT_POLICY: Policy = {
  misfire_grace_seconds: 900,
  catch_up: 'latest',
  overlap: 'skip',
  retries: 3,
  retry_backoff_seconds: 10,
  pause_after_failures: 5,
  restore: 'reapply',
  jitter_seconds: 0,
  lock: null,
  lock_wait_seconds: null,
};

export interface Draft {
  name: string;
  enabled: boolean;
  trigger: Trigger;
  /** null: HA's zone. */
  timezone: string | null;
  start_at: string | null;
  end_at: string | null;
  max_runs: number | null;
  target: Target;
  action: Action;
  end_action: Action | null;
  duration_seconds: number | null;
  conditions: Condition[];
  policy: Policy;
  priority: number;
  tags: string[];
}

/** Field errors: API path → message. */
export type FieldErrors = Readonly<Record<string, string>>;

const HOUR = 3600;
/** "Tomorrow 06:00": the first thing people schedule once. */
const ONCE_DEFAULT_HOUR = 6;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local date "YYYY-MM-DD" of `date` in the browser's zone. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The trigger a type starts with when picked in the editor. */
export function defaultTrigger(type: TriggerType, now = new Date()): Trigger {
  switch (type) {
    case 'once': {
      const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
      return { type, at: `${localDate(tomorrow)}T${pad(ONCE_DEFAULT_HOUR)}:00` };
    }
    case 'interval':
      return { type, every_seconds: HOUR };
    case 'cron':
      return { type, expression: '*/15 * * * *' };
    case 'calendar':
      return { type, times: ['07:00'] };
    case 'sun':
      return { type, event: 'sunset', offset: 0 };
  }
}

/** The action a type starts with when picked in the editor. */
export function defaultAction(type: ActionType): Action {
  switch (type) {
    case 'on':
    case 'off':
    case 'toggle':
    case 'scene':
      return { type };
    case 'set_level':
      return { type, percent: 50 };
    case 'ramp':
      return { type, from: 0, to: 100, duration_seconds: 30 * 60 };
    case 'service':
      return { type, service: '', data: {} };
    case 'script':
      return { type, variables: {} };
    case 'notify':
      return { type, service: 'notify.notify', message: '' };
    case 'mqtt_publish':
      return { type, topic: '', payload: '' };
    case 'sequence':
      return { type, steps: [{ type: 'on' }, { type: 'wait', seconds: 60 }, { type: 'off' }] };
  }
}

export function emptyDraft(): Draft {
  return {
    name: '',
    enabled: true,
    trigger: defaultTrigger('calendar'),
    timezone: null,
    start_at: null,
    end_at: null,
    max_runs: null,
    target: {},
    action: { type: 'on' },
    end_action: null,
    duration_seconds: null,
    conditions: [],
    policy: { ...DEFAULT_POLICY },
    priority: 0,
    tags: [],
  };
}

/** The editable part of a saved schedule. */
export function draftFromDto(dto: ScheduleDto): Draft {
  return {
    name: dto.name,
    enabled: dto.enabled,
    trigger: dto.trigger,
    timezone: dto.timezone,
    start_at: dto.start_at,
    end_at: dto.end_at,
    max_runs: dto.max_runs,
    target: dto.target,
    action: dto.action,
    end_action: dto.end_action,
    duration_seconds: dto.duration_seconds,
    conditions: dto.conditions,
    policy: { ...DEFAULT_POLICY, ...dto.policy },
    priority: dto.priority,
    tags: dto.tags,
  };
}

/** The draft as the API takes it. */
export function toInput(draft: Draft): ScheduleInputDto {
  return { ...draft, name: draft.name.trim() };
}

/** A copy of a schedule as a new draft ("Duplicate"), named after the original. */
export function duplicateDraft(dto: ScheduleDto, name: string): Draft {
  return { ...draftFromDto(dto), name };
}

/** A problem's field errors as a map, in the panel's language (the first error per path wins). */
export function fieldErrors(problem: Problem | null | undefined): FieldErrors {
  const out: Record<string, string> = {};
  for (const error of problem?.errors ?? []) out[error.path] ??= fieldErrorText(error);
  return out;
}

/** The errors under `prefix`, with the prefix removed (`trigger.times` → `times`; `trigger` → ``). */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) out[''] = message;
    else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  }
  return out;
}

/** Whether the target names anything at all. */
export function hasTarget(target: Target): boolean {
  return target.zone_id !== undefined || Object.values(target).some((list) => Array.isArray(list) && list.length > 0);
}

/** Actions that act on the target (the rest carry their own service, topic or steps). */
export function actionNeedsTarget(action: Action): boolean {
  return !['notify', 'mqtt_publish', 'service', 'sequence'].includes(action.type);
}

/** Which part of the draft an edit touched, so the editor clears that part's stale errors. */
export type DraftSection = 'name' | 'trigger' | 'target' | 'action' | 'window' | 'conditions' | 'policy' | 'limits';

/** The top-level error paths of each part of the form. */
const SECTION_PATHS: Record<DraftSection, readonly string[]> = {
  name: ['name', 'tags', 'enabled'],
  trigger: ['trigger'],
  target: ['target'],
  action: ['action'],
  window: ['duration_seconds', 'end_action'],
  conditions: ['conditions'],
  policy: ['policy'],
  limits: ['start_at', 'end_at', 'max_runs', 'priority', 'timezone'],
};

/** The errors left once `section` was edited (its own are stale). */
export function withoutSection(errors: FieldErrors, section: DraftSection): FieldErrors {
  const roots = SECTION_PATHS[section];
  return Object.fromEntries(Object.entries(errors).filter(([path]) => !roots.includes(path.split('.')[0] ?? '')));
}
