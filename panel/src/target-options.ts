/**
 * What the target picker suggests for a search: areas and labels first (a whole shelf or every
 * dosing pump in one pick, as HA's own target picker offers them), then entities (those that fit
 * the action first), then devices. Every word typed must occur in the name or id; an entity is
 * also found by its area's name. Pure.
 */
import type { EntityDto, ZoneDto } from '../../server/src/api/types.js';
import { allPlaces, type Place, type PlaceKind, type Places } from './ha-places.js';
import type { Target } from './schedule-types.js';
import { compareText } from './i18n/collate.js';

/** A zone's role as a target (`{zone_id, role}`): `from` is the zone whose devices it uses (itself, or the nearest above). */
export interface ZoneRoleOption {
  kind: 'zone';
  /** `<zone_id>/<role>`. */
  id: string;
  zone: ZoneDto;
  role: string;
  from: ZoneDto;
  devices: string[];
}

export type TargetOption = { kind: 'entity'; id: string; entity: EntityDto } | { kind: PlaceKind; id: string; place: Place } | ZoneRoleOption;

/**
 * Every role a zone can be targeted by, as the server resolves it: its own devices of that role,
 * else those of the nearest zone above that has any (a shelf's watering uses the room's pump).
 */
export function zoneRoleOptions(zones: ReadonlyMap<string, ZoneDto>): ZoneRoleOption[] {
  const out: ZoneRoleOption[] = [];
  for (const zone of zones.values()) {
    const seen = new Set<string>();
    for (let at: ZoneDto | undefined = zone; at; at = at.parent_id ? zones.get(at.parent_id) : undefined) {
      for (const role of new Set(at.members.map((m) => m.role))) {
        if (seen.has(role)) continue;
        seen.add(role);
        const devices = at.members.filter((m) => m.role === role).map((m) => m.entity_id);
        out.push({ kind: 'zone', id: `${zone.id}/${role}`, zone, role, from: at, devices });
      }
    }
  }
  return out;
}

/** Whether every word of `query` occurs in `haystack` (case-insensitive). */
export function matchesWords(haystack: string, query: string): boolean {
  const text = haystack.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** Whether the entity's name, id or area name holds every word of `query`. */
export function entityMatches(entity: EntityDto, query: string): boolean {
  return matchesWords(`${entity.friendly_name} ${entity.entity_id} ${entity.area_name ?? ''}`, query);
}

export interface OptionsInput {
  entities: readonly EntityDto[];
  /** The label of a role in the user's language ("Pump"), so a search for it finds zone roles. */
  roleLabel?: (role: string) => string;
  places: Places;
  /** What is chosen already (not suggested again). */
  value: Target;
  query: string;
  /** Entity domains that fit the action, suggested before other entities. */
  domains: readonly string[];
  max: number;
}

/** The suggestions for `query`, at most `max`. */
export function targetOptions(input: OptionsInput): TargetOption[] {
  const { value, query, domains } = input;
  const chosen = (kind: 'entity' | PlaceKind, id: string): boolean => (value[`${kind}_id`] ?? []).includes(id);
  const places = allPlaces(input.places).filter((p) => !chosen(p.kind, p.id) && matchesWords(`${p.name} ${p.id}`, query));
  const rank = (e: EntityDto): number => (domains.includes(e.domain) ? 0 : 1);
  const entities = input.entities
    .filter((e) => !chosen('entity', e.entity_id) && entityMatches(e, query))
    .sort((a, b) => rank(a) - rank(b) || compareText(a.friendly_name, b.friendly_name));
  const toOption = (p: Place): TargetOption => ({ kind: p.kind, id: p.id, place: p });
  // A target holds one zone role: the one chosen is not offered again; another replaces it.
  const current = value.zone_id !== undefined ? `${value.zone_id}/${value.role ?? ''}` : null;
  const label = input.roleLabel ?? ((role: string) => role);
  const zoneRoles = query.trim()
    ? zoneRoleOptions(input.places.zones).filter((o) => o.id !== current && matchesWords(`${o.zone.path.join(' ')} ${o.role} ${label(o.role)}`, query))
    : [];
  return [
    ...zoneRoles,
    ...places.filter((p) => p.kind !== 'device').map(toOption),
    ...entities.map((entity): TargetOption => ({ kind: 'entity', id: entity.entity_id, entity })),
    ...places.filter((p) => p.kind === 'device').map(toOption),
  ].slice(0, input.max);
}
