/**
 * Schedule lists for the API and the bridges: pages in a stable order with signed cursors, the
 * counts behind the panel's filters, and full lists, all answered by SQLite
 * (store/schedule-query.ts) rather than by parsing every schedule.
 *
 * Paging is keyset paging: a cursor names the last row of the previous page (its sort key and id),
 * so schedules created or deleted between two pages never make another one skipped or repeated.
 * A cursor is signed with a secret kept in the settings table (it survives restarts), and carries
 * the query it belongs to: an edited cursor, or one from another sort or filter, is refused.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Schedule, ScheduleState } from '../domain/schedule.js';
import type { Db } from '../store/db.js';
import { fold, SEARCH_INDEX_VERSION, type SearchLanguage } from '../store/schedule-index.js';
import { ScheduleQueries, sortKeyCount, type ListPosition, type ScheduleQueryFilter, type ScheduleSort, type SearchWord } from '../store/schedule-query.js';
import { fromValues, toSchedule, type ScheduleRecord, type ScheduleRepository } from '../store/schedules.js';
import type { SettingsStore } from '../store/settings.js';
import { InvalidCursorError } from './errors.js';
import type { HaGateway, ZoneDirectory } from './ports.js';
import type { ZoneRole } from '../domain/zone.js';
import type { ScheduleCounts, ScheduleFilter, SchedulePageQuery, ScheduleView } from './types.js';
import { inTransaction } from '../store/transaction.js';

const CURSOR_VERSION = 1;
/** Bytes of the HMAC kept in a cursor: forging one is 2^-128 per try. */
const SIGNATURE_BYTES = 16;
const SECRET_BYTES = 32;
const SETTING_SECRET = 'list_cursor_secret';
const SETTING_INDEX_VERSION = 'schedule_index_version';
/** A search uses at most this many words; more add nothing but cost (each is a LIKE over every row). */
export const MAX_SEARCH_WORDS = 8;
const STATES: readonly ScheduleState[] = ['enabled', 'paused', 'disabled', 'completed', 'failing'];
const TRIGGER_TYPES = ['once', 'interval', 'cron', 'calendar', 'sun'] as const;
const CURSOR_MISMATCH = 'belongs to another sort, filter or search; start again without it';

export interface ScheduleListDeps {
  db: Db;
  schedules: ScheduleRepository;
  settings: SettingsStore;
  ha: HaGateway;
  /** The farm's zones: what a `{zone_id, role}` target reaches today. */
  zones: ZoneDirectory;
  now: () => number;
  /** The view of a record (state and whether it is running). */
  view: (record: ScheduleRecord) => ScheduleView;
}

/** The distinct words of a search, folded. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(fold(q).split(/\s+/).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
}

/** A zone target's ref split into zone id and role. */
function splitZoneRef(ref: string): [string, string] {
  const cut = ref.lastIndexOf('/');
  return [ref.slice(0, cut), ref.slice(cut + 1)];
}

const base64url = (buffer: Buffer): string => buffer.toString('base64url');

export class ScheduleLists {
  private readonly queries: ScheduleQueries;
  private secretValue: Buffer | null = null;

  constructor(private readonly deps: ScheduleListDeps) {
    this.queries = new ScheduleQueries(deps.db);
  }

  /** Derives the list columns again when this version derives them differently from the stored ones (after an upgrade). */
  prepare(): void {
    const { db, settings, schedules } = this.deps;
    if (settings.get<number>(SETTING_INDEX_VERSION) === SEARCH_INDEX_VERSION) return;
    inTransaction(db, () => {
      schedules.reindex();
      settings.set(SETTING_INDEX_VERSION, SEARCH_INDEX_VERSION);
    });
  }

  /** One page of schedules and the cursor of the next (null on the last page). */
  page(query: SchedulePageQuery): { items: ScheduleView[]; next_cursor: string | null } {
    const sort = query.sort ?? 'name';
    const filter = this.filterOf(query);
    const digest = this.digest(filter, sort);
    const after = query.cursor === undefined ? null : this.decode(query.cursor, sort, digest);
    const rows = this.queries.page(filter, sort, after, query.limit + 1, this.deps.now());
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    const last = page.at(-1);
    return {
      items: page.map((row) => this.deps.view(fromValues(row))),
      next_cursor: more && last ? this.encode(sort, digest, this.queries.positionOf(last, sort)) : null,
    };
  }

  /** Every schedule matching `filter`, by name (exports, bridges, the timeline). */
  all(filter: ScheduleFilter = {}): ScheduleView[] {
    return this.queries.page(this.filterOf(filter), 'name', null, -1, this.deps.now()).map((row) => this.deps.view(fromValues(row)));
  }

  /**
   * Every schedule matching `filter`, by name, without what a view adds (state, conflicts): for
   * readers of the schedules alone (the timeline), which must not wait for the conflict check.
   */
  schedules(filter: ScheduleFilter = {}): Schedule[] {
    return this.queries.page(this.filterOf(filter), 'name', null, -1, this.deps.now()).map((row) => toSchedule(fromValues(row)));
  }

  /** Counts for the filters (see ScheduleQueries.counts). */
  counts(filter: ScheduleFilter & { lang?: SearchLanguage }): ScheduleCounts {
    const rows = this.queries.counts(this.filterOf(filter), this.deps.now(), this.zoneEntities());
    const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
    return {
      total: rows.total,
      matching: rows.matching,
      by_state: { ...zeros(STATES), ...rows.state },
      by_type: { ...zeros(TRIGGER_TYPES), ...rows.type },
      tags: rows.tag,
      entities: rows.entity,
    };
  }

  /** `[<zone_id>/<role>, entity]` for each zone target some schedule names and the entities it reaches today. */
  private zoneEntities(): [string, string][] {
    return this.queries.targets().filter((t) => t.kind === 'zone').flatMap((t) => this.zoneMembers(t.ref).map((id): [string, string] => [t.ref, id]));
  }

  /** The entities a zone target's ref (`<zone_id>/<role>`) resolves to today. */
  private zoneMembers(ref: string): string[] {
    const [zoneId, role] = splitZoneRef(ref);
    return this.deps.zones.members(zoneId, role as ZoneRole) ?? [];
  }

  private filterOf(filter: ScheduleFilter & { lang?: SearchLanguage }): ScheduleQueryFilter {
    const out: ScheduleQueryFilter = { lang: filter.lang ?? 'en' };
    if (filter.tag !== undefined) out.tag = filter.tag;
    if (filter.grow_id !== undefined) out.grow_id = filter.grow_id;
    if (filter.entity_id !== undefined) {
      out.entity_id = filter.entity_id;
      out.entity_zones = this.zoneRefsReaching(filter.entity_id);
    }
    if (filter.trigger_type !== undefined) out.trigger_type = filter.trigger_type;
    if (filter.state !== undefined) out.state = filter.state;
    const words = searchWords(filter.q);
    if (words.length > 0) out.words = this.withNames(words);
    return out;
  }

  /** The zone targets some schedule names that resolve to `entityId` today. */
  private zoneRefsReaching(entityId: string): string[] {
    return this.queries.targets().filter((t) => t.kind === 'zone' && this.zoneMembers(t.ref).includes(entityId)).map((t) => t.ref);
  }

  /**
   * Each word with the targets whose name in HA contains it ("pump" finds a schedule on
   * `switch.shelf_1_water` named "Shelf 1 pump"). Only targets some schedule names are looked at.
   */
  private withNames(words: string[]): SearchWord[] {
    const { ha } = this.deps;
    const areas = new Map(ha.areas().map((a) => [a.area_id, a.name]));
    const devices = new Map(ha.devices().map((d) => [d.device_id, d.name]));
    const labels = new Map(ha.labels().map((l) => [l.label_id, l.name]));
    const floors = new Map(ha.floors().map((f) => [f.floor_id, f.name]));
    const nameOf = (kind: string, ref: string): string | undefined => {
      if (kind === 'entity') {
        const name = ha.getState(ref)?.attributes.friendly_name;
        return typeof name === 'string' ? name : undefined;
      }
      if (kind === 'zone') return this.deps.zones.zoneName(splitZoneRef(ref)[0]) ?? undefined;
      return (kind === 'area' ? areas : kind === 'device' ? devices : kind === 'floor' ? floors : labels).get(ref);
    };
    const named: { ref: string; name: string }[] = [];
    for (const { kind, ref } of this.queries.targets()) {
      const name = nameOf(kind, ref);
      if (name) named.push({ ref: `${kind}:${ref}`, name: fold(name) });
    }
    return words.map((text) => ({ text, refs: named.filter((n) => n.name.includes(text)).map((n) => n.ref) }));
  }

  /** What a cursor is bound to: the sort, the filters and the search (words, and their language). */
  private digest(filter: ScheduleQueryFilter, sort: ScheduleSort): string {
    const words = filter.words?.map((w) => w.text) ?? [];
    const bound = [sort, filter.tag ?? null, filter.grow_id ?? null, filter.entity_id ?? null, filter.trigger_type ?? null, filter.state ?? null, words, words.length > 0 ? filter.lang : null];
    return createHash('sha256').update(JSON.stringify(bound)).digest('base64url').slice(0, 16);
  }

  private encode(sort: ScheduleSort, digest: string, at: ListPosition): string {
    const payload = Buffer.from(JSON.stringify([CURSOR_VERSION, sort, digest, at.keys, at.id]));
    return `${base64url(payload)}.${base64url(this.sign(payload))}`;
  }

  private decode(cursor: string, sort: ScheduleSort, digest: string): ListPosition {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined) throw new InvalidCursorError();
    const payload = Buffer.from(body, 'base64url');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError();
    let value: unknown;
    try {
      value = JSON.parse(payload.toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    if (!Array.isArray(value) || value.length !== 5 || value[0] !== CURSOR_VERSION) throw new InvalidCursorError();
    const [, cursorSort, cursorDigest, keys, id] = value as unknown[];
    if (cursorSort !== sort || cursorDigest !== digest) throw new InvalidCursorError(CURSOR_MISMATCH);
    const valid = Array.isArray(keys) && keys.length === sortKeyCount(sort) && keys.every((k) => typeof k === 'string' || typeof k === 'number');
    if (!valid || typeof id !== 'string') throw new InvalidCursorError();
    return { keys: keys as (string | number)[], id };
  }

  private sign(payload: Buffer): Buffer {
    return createHmac('sha256', this.secret()).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }

  private secret(): Buffer {
    if (!this.secretValue) {
      let stored = this.deps.settings.get<string>(SETTING_SECRET);
      if (!stored) {
        stored = randomBytes(SECRET_BYTES).toString('base64');
        this.deps.settings.set(SETTING_SECRET, stored);
      }
      this.secretValue = Buffer.from(stored, 'base64');
    }
    return this.secretValue;
  }
}
