/**
 * What an audit entry changed: its before and after snapshots compared field by field (nested
 * objects by dotted path, lists as whole values), for the audit page's diff.
 */

export interface FieldChange {
  /** Dotted path, e.g. `trigger.expression`, `policy.retries`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Fields that change with every write and say nothing about what the person changed. */
const NOISE = new Set(['version', 'updated_at', 'next_run_at', 'last_run_at', 'last_status', 'run_count', 'consecutive_failures']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!path && NOISE.has(key)) continue;
      walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (same(before, after)) return;
  if (before === undefined || before === null) out.push({ path, kind: 'added', after });
  else if (after === undefined || after === null) out.push({ path, kind: 'removed', before });
  else out.push({ path, kind: 'changed', before, after });
}

/** The fields that differ; a creation lists what was set, a deletion what was there. */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  if (!isObject(before) && !isObject(after)) {
    if (!same(before, after)) out.push({ path: '', kind: before == null ? 'added' : after == null ? 'removed' : 'changed', before, after });
    return out;
  }
  walk(isObject(before) ? before : {}, isObject(after) ? after : {}, '', out);
  return out;
}

/** Keys whose numbers are instants (epoch ms in snapshots). */
const INSTANT_KEY = /(^|\.)(until|paused_until|start_at|end_at|created_at|completed_at|ended_at)$/;

/** A value as the diff shows it: instants as dates, texts as they are, the rest as JSON. */
export function formatValue(path: string, value: unknown, formatInstant: (ms: number) => string): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number' && INSTANT_KEY.test(path)) return formatInstant(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
