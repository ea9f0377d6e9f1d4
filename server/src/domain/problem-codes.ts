/**
 * Stable codes of field problems. The API answers every field error in English (`message`) and
 * with one of these codes plus its parameters, so the panel can say it in the user's language
 * (panel/src/i18n: `field_error.<code>`, with `{param}` placeholders). A code never changes
 * meaning; a new kind of problem gets a new code. Messages may be reworded freely.
 */
export const PROBLEM_CODES = [
  // Shape of the input (mostly from the request schemas).
  'required',
  'invalid_type',
  'too_small',
  'too_large',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'one_of',
  'unknown_field',
  'invalid_format',
  'invalid_entity_id',
  'invalid_service',
  'invalid_date_time',
  'invalid_date',
  'invalid_time',
  'invalid_zone',
  'invalid_file',
  'out_of_range',
  // Triggers.
  'invalid_cron',
  'never_runs',
  'no_such_day',
  'needs_anchor',
  'needs_location',
  'invalid_location',
  'must_be_after',
  'in_past',
  'max_runs_reached',
  'no_next_run',
  // Targets and actions, checked against Home Assistant.
  'unknown_entity',
  'unknown_area',
  'unknown_device',
  'unknown_label',
  'unknown_floor',
  'unknown_service',
  'no_lights',
  'wrong_domain',
  'needs_target',
  'needs_duration',
  'no_opposite_action',
  'window_shorter_than_ramp',
  'duplicate_id',
  'schedule_owned',
  // Zones ({zone_id, role} targets).
  'unknown_zone',
  'needs_role',
  'zone_role_missing',
  // Anything not (yet) coded: the panel shows the English message.
  'invalid',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Values the message names (a limit, an entity id), for the translated text. */
export type ProblemParams = Record<string, string | number>;

/** What every field problem carries besides its path and English message. */
export interface ProblemCoding {
  code?: ProblemCode;
  params?: ProblemParams;
}
