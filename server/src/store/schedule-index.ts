/**
 * What the schedule lists sort, search and filter by, derived from a schedule whenever it is
 * written, so that `GET /api/schedules` answers from SQLite without parsing every schedule:
 *
 * - `name_key`: the name folded for sorting (case and accents ignored: "Öl", "ol" and "OL" sort
 *   together), with the id breaking ties, so the order is total and a cursor is exact.
 * - `search_en` / `search_de`: the words a search matches in each panel language: name, tags, the
 *   plain-language trigger ("every weekday at 07:15" / "werktags um 07:15") and the target ids.
 * - `schedule_targets`: one row per entity, area, device or label a schedule names, in its target
 *   and in its sequence steps' targets: the entity filter and the search by HA's names use it.
 *
 * Bump SEARCH_INDEX_VERSION when what goes into these changes: stored rows are derived again at
 * the next start (ScheduleRepository.reindex).
 */
import type { Target } from '../domain/ha.js';
import type { Schedule } from '../domain/schedule.js';
import { describeTrigger } from '../time/index.js';

/**
 * Version of the derivation below; rows written by another version are derived again at start.
 * 2: floors are target rows too (the engine finds the schedules touching a device through them).
 */
export const SEARCH_INDEX_VERSION = 2;

/** The panel languages whose descriptions are searchable (describeTrigger's languages). */
export const SEARCH_LANGUAGES = ['en', 'de'] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];

/**
 * Kinds of things a target names: the `<kind>_id` keys of HA's target shape, and Almanac's zone
 * targets (`zone`, ref `<zone_id>/<role>`: the entities it means are only known when resolved).
 */
export type TargetKind = 'entity' | 'area' | 'device' | 'label' | 'floor' | 'zone';
const HA_TARGET_KINDS = ['entity', 'area', 'device', 'label', 'floor'] as const;

/** The `schedule_targets` ref of a zone target. */
export function zoneRef(zoneId: string, role: string): string {
  return `${zoneId}/${role}`;
}

/** Combining marks left after NFKD decomposition ("ö" → "o" + U+0308). */
const MARKS = /\p{M}/gu;
/** Separates the parts of the search text, so a search never matches across two of them. */
const PART_SEPARATOR = '\n';

/** Case- and accent-insensitive form of a text, as both the index and the search use it. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The sort key of a name. */
export function nameKey(name: string): string {
  return fold(name);
}

/** Every target a schedule names: its own and its sequence steps'. */
function targetsOf(s: Pick<Schedule, 'target' | 'action'>): Target[] {
  const steps = s.action.type === 'sequence' ? s.action.steps : [];
  const own = [s.target];
  for (const step of steps) if (step.type !== 'wait' && step.target) own.push(step.target);
  return own;
}

/** The distinct (kind, id) pairs a schedule targets. */
export function targetRefs(s: Pick<Schedule, 'target' | 'action'>): { kind: TargetKind; ref: string }[] {
  const seen = new Set<string>();
  const out: { kind: TargetKind; ref: string }[] = [];
  const add = (kind: TargetKind, ref: string): void => {
    const key = `${kind}\u0000${ref}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, ref });
  };
  for (const target of targetsOf(s)) {
    for (const kind of HA_TARGET_KINDS) for (const ref of target[`${kind}_id`] ?? []) add(kind, ref);
    if (target.zone_id !== undefined && target.role !== undefined) add('zone', zoneRef(target.zone_id, target.role));
  }
  return out;
}

/** The folded text a search in `lang` looks through. */
export function searchText(s: Pick<Schedule, 'name' | 'tags' | 'trigger' | 'target' | 'action'>, lang: SearchLanguage): string {
  let description = '';
  try {
    description = describeTrigger(s.trigger, lang);
  } catch {
    // A trigger the describer cannot word (stored by an older version) is still found by name.
  }
  const refs = targetRefs(s).map((r) => r.ref);
  return fold([s.name, description, ...s.tags, ...refs].join(PART_SEPARATOR));
}

/** The derived columns of a schedule row. */
export function indexColumns(s: Pick<Schedule, 'name' | 'tags' | 'trigger' | 'target' | 'action'>): { name_key: string; search_en: string; search_de: string } {
  return { name_key: nameKey(s.name), search_en: searchText(s, 'en'), search_de: searchText(s, 'de') };
}
