import * as z from 'zod';
import { PROBLEM_CODES, type ProblemCode, type ProblemParams } from '../domain/problem-codes.js';
import { ValidationError, type FieldError } from './errors.js';
import { ENTITY_ID, INSTANT, LOCAL_DATE, SERVICE, WALL_TIME } from './schemas/common.js';

/**
 * Field formats the schemas check by pattern, by the pattern as zod reports it (`/source/flags`).
 * Entity ids and services share one pattern (`domain.name`); the field's name tells them apart.
 */
const FORMAT_CODES = new Map<string, ProblemCode>([
  [String(ENTITY_ID), 'invalid_entity_id'],
  [String(WALL_TIME), 'invalid_time'],
  [String(LOCAL_DATE), 'invalid_date'],
  [String(INSTANT), 'invalid_date_time'],
]);

function formatCode(pattern: string | undefined, path: readonly PropertyKey[]): ProblemCode {
  const field = [...path].reverse().find((p) => typeof p === 'string');
  if (pattern === String(SERVICE) && field === 'service') return 'invalid_service';
  return FORMAT_CODES.get(pattern ?? '') ?? 'invalid_format';
}

const SIZE_CODES: Record<string, { small: ProblemCode; big: ProblemCode }> = {
  string: { small: 'too_short', big: 'too_long' },
  array: { small: 'too_few', big: 'too_many' },
  set: { small: 'too_few', big: 'too_many' },
};

function isCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && (PROBLEM_CODES as readonly string[]).includes(value);
}

/** Numbers and lists a message may name, as params (bigints and lists made printable). */
function printable(value: unknown): string | number {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** The stable code and params of one zod issue (domain/problem-codes.ts). */
export function issueCoding(issue: z.core.$ZodIssue): { code: ProblemCode; params?: ProblemParams } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { code: 'required' } : { code: 'invalid_type', params: { expected: issue.expected } };
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'required' };
      return { code: SIZE_CODES[issue.origin]?.small ?? 'too_small', params: { min: printable(issue.minimum) } };
    }
    case 'too_big':
      return { code: SIZE_CODES[issue.origin]?.big ?? 'too_large', params: { max: printable(issue.maximum) } };
    case 'invalid_value':
      return { code: 'one_of', params: { values: printable(issue.values) } };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { fields: issue.keys.join(', ') } };
    case 'invalid_format':
      return { code: issue.format === 'regex' ? formatCode((issue as { pattern?: string }).pattern, issue.path) : 'invalid_format' };
    case 'invalid_union':
      return { code: 'invalid' };
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as Record<string, unknown>;
      if (!isCode(code)) return { code: 'invalid' };
      const printed = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, printable(v)]));
      return Object.keys(printed).length > 0 ? { code, params: printed } : { code };
    }
    default:
      return { code: 'invalid' };
  }
}

/** Zod's issues as field errors with dotted paths (`trigger.times.1`), the shape problem+json carries. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const coding = issueCoding(issue);
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`, ...coding };
    }
    return { path, message: issue.message, ...coding };
  });
}

/** Parses `input` or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrors(result.error, prefix));
  return result.data;
}
