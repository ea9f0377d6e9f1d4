/**
 * The add-on options: what the user sets on the add-on's Configuration tab. The Supervisor checks
 * them against `schema:` in config.yaml and writes them to `/data/options.json`; this module checks
 * them again with the same bounds (a hand-edited file, standalone mode, an older Supervisor), fills
 * the defaults and names the first thing that is wrong. tests/packaging keeps the two in step.
 */
import * as z from 'zod';
import { LOG_LEVELS, type LogLevel } from '../log.js';
import type { ConfigIssue } from './config-error.js';

/**
 * Kinds for `notify_kinds`: the notifier's kinds, and the names used before 0.2 (`failed`,
 * `missed`, `paused`, `interrupted`), still accepted. Only the settings of a new install are made
 * from these options; afterwards the panel's notification settings rule (DOCS.md).
 */
export const NOTIFY_KINDS = [
  'run_failed', 'run_missed', 'schedule_paused', 'conflict', 'lock_wait', 'override_ended', 'grow_phase', 'ha_disconnected', 'schedule_changed',
  'failed', 'missed', 'paused', 'interrupted',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];
/** Everything but `schedule_changed`, which is off by default. */
const DEFAULT_NOTIFY_KINDS: NotifyKind[] = ['run_failed', 'run_missed', 'schedule_paused', 'conflict', 'lock_wait', 'override_ended', 'grow_phase', 'ha_disconnected'];

/** What a device changed by hand in HA does (engine/overrides/manual-changes.ts). */
export const MANUAL_CHANGE_MODES = ['ignore', 'hold_until_next_change', 'hold_for_minutes'] as const;

/** The add-on options after validation, with defaults filled in. */
export interface AddonOptions {
  log_level: LogLevel;
  api_token?: string;
  dry_run: boolean;
  history_days: number;
  notify_kinds: NotifyKind[];
  notify_service?: string;
  notify_rate_limit_minutes: number;
  manual_changes: (typeof MANUAL_CHANGE_MODES)[number];
  manual_hold_minutes: number;
  mqtt_enabled: boolean;
  mqtt_discovery_prefix: string;
  mqtt_host?: string;
  mqtt_port?: number;
  mqtt_username?: string;
  mqtt_password?: string;
  mqtt_tls?: boolean;
}

/** Ten years of run history: beyond that the database only grows (a run is a few hundred bytes). */
const MAX_HISTORY_DAYS = 3650;
/** A month of history: enough to spot a pattern in failures, small on an SD card. */
const DEFAULT_HISTORY_DAYS = 30;
/** The same problem with the same schedule is pushed at most once an hour (updated in place meanwhile). */
const DEFAULT_RATE_LIMIT_MINUTES = 60;
/** A day: rate limits longer than that would hide a new failure until tomorrow. */
const MAX_RATE_LIMIT_MINUTES = 1440;
/** An hour: long enough to finish inspecting a shelf, short enough that nobody forgets the hold. */
const DEFAULT_MANUAL_HOLD_MINUTES = 60;
/** A week: longer holds by hand are a vacation, better set in the panel with an end date. */
const MAX_MANUAL_HOLD_MINUTES = 10_080;
/** The API token guards direct (non-Ingress) access; shorter tokens are guessable. */
const MIN_API_TOKEN_LENGTH = 16;
/** TCP ports are 16-bit; 0 is not a port one can connect to. */
const MAX_PORT = 65535;

/** Also in config.yaml's schema as `match(...)`: the same Python/JS-compatible pattern. */
export const NOTIFY_SERVICE_PATTERN = /^notify\.[a-z0-9_]+$/;
/** MQTT topic levels without wildcards or spaces, e.g. `homeassistant` or `site/ha`. */
export const DISCOVERY_PREFIX_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

const optionsSchema = z.object({
  log_level: z.enum(LOG_LEVELS).default('info'),
  api_token: z.string().min(MIN_API_TOKEN_LENGTH).optional(),
  dry_run: z.boolean().default(false),
  history_days: z.int().min(1).max(MAX_HISTORY_DAYS).default(DEFAULT_HISTORY_DAYS),
  notify_kinds: z.array(z.enum(NOTIFY_KINDS)).default(DEFAULT_NOTIFY_KINDS),
  notify_service: z
    .string()
    .regex(NOTIFY_SERVICE_PATTERN, { error: 'must name a notify service, such as notify.mobile_app_pixel' })
    .optional(),
  notify_rate_limit_minutes: z.int().min(0).max(MAX_RATE_LIMIT_MINUTES).default(DEFAULT_RATE_LIMIT_MINUTES),
  manual_changes: z.enum(MANUAL_CHANGE_MODES).default('hold_until_next_change'),
  manual_hold_minutes: z.int().min(1).max(MAX_MANUAL_HOLD_MINUTES).default(DEFAULT_MANUAL_HOLD_MINUTES),
  mqtt_enabled: z.boolean().default(true),
  mqtt_discovery_prefix: z
    .string()
    .regex(DISCOVERY_PREFIX_PATTERN, { error: 'must be an MQTT topic without wildcards or spaces, such as homeassistant' })
    .default('homeassistant'),
  mqtt_host: z.string().min(1).optional(),
  mqtt_port: z.int().min(1).max(MAX_PORT).optional(),
  mqtt_username: z.string().min(1).optional(),
  mqtt_password: z.string().min(1).optional(),
  mqtt_tls: z.boolean().optional(),
}) satisfies z.ZodType<AddonOptions>;

/** Every option the server reads, in config.yaml order. */
export const OPTION_NAMES = Object.keys(optionsSchema.shape) as readonly (keyof AddonOptions)[];

/**
 * Optional text options the user cleared: the Supervisor drops such keys, but a hand-written
 * options.json may hold `""` or `null`, which mean "not set" just the same.
 */
const BLANK_MEANS_UNSET: ReadonlySet<string> = new Set(['api_token', 'notify_service', 'mqtt_host', 'mqtt_username', 'mqtt_password']);

export type OptionsResult =
  | { ok: true; options: AddonOptions; warnings: string[] }
  | { ok: false; issues: ConfigIssue[] };

/** Validates the parsed options.json (`raw` is whatever JSON.parse returned). Unknown keys are warnings. */
export function parseOptions(raw: unknown): OptionsResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: 'options', message: 'must be a JSON object of option names and values' }] };
  }
  const known = new Set<string>(OPTION_NAMES);
  const warnings: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!known.has(key)) warnings.push(`options.${key}: unknown option, ignored`);
    else if (!(BLANK_MEANS_UNSET.has(key) && (value === '' || value === null))) input[key] = value;
  }
  const result = optionsSchema.safeParse(input);
  if (!result.success) return { ok: false, issues: result.error.issues.map(toConfigIssue) };
  return { ok: true, options: result.data, warnings };
}

/** The defaults, as if options.json were `{}`. */
export function defaultOptions(): AddonOptions {
  return optionsSchema.parse({});
}

function toConfigIssue(issue: z.core.$ZodIssue): ConfigIssue {
  return { path: ['options', ...issue.path.map(String)].join('.'), message: describeIssue(issue) };
}

const TYPE_NAMES: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  string: 'text',
  array: 'a list',
};

/** zod's own wording ("Too big: expected number to be <=10") rewritten for a settings form. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    default:
      return issue.message;
  }
}
