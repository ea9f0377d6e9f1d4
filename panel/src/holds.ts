/**
 * Manual holds as the panel shows them: an index of the holds in force by entity and by schedule
 * (for the badges on entity rows, schedule rows and timeline lanes), the store that keeps it live
 * (a fetch, then `override` events on the stream, and a tick when the next hold runs out), the
 * "Hold" menu's choices, and what a choice asks the server for.
 */
import { mdiClockOutline, mdiHandBackRightOff, mdiTimerOutline, mdiWeatherSunset } from '@mdi/js';
import type { OverrideDto } from '../../server/src/api/types.js';
import type { EventStream } from './api/events.js';
import type { Http } from './api/http.js';
import { fetchOverrides, type OverrideInput } from './api/overrides.js';
import { formatDuration } from './i18n/format.js';
import { t } from './i18n/localize.js';

export interface HoldIndex {
  items: readonly OverrideDto[];
  /** The hold keeping each entity (the one that lasts longest). */
  byEntity: ReadonlyMap<string, OverrideDto>;
  /** Holds on devices each schedule touches. */
  bySchedule: ReadonlyMap<string, readonly OverrideDto[]>;
}

export const NO_HOLDS: HoldIndex = { items: [], byEntity: new Map(), bySchedule: new Map() };

/** Open-ended holds last longest. */
function endOf(o: OverrideDto): number {
  return o.until === null ? Number.POSITIVE_INFINITY : Date.parse(o.until);
}

/** Indexes the holds in force at `now`. */
export function indexHolds(items: readonly OverrideDto[], now: number): HoldIndex {
  const live = items.filter((o) => o.active && endOf(o) > now);
  const byEntity = new Map<string, OverrideDto>();
  const bySchedule = new Map<string, OverrideDto[]>();
  for (const o of live) {
    for (const id of o.entity_ids) {
      const known = byEntity.get(id);
      if (!known || endOf(o) > endOf(known)) byEntity.set(id, o);
    }
    for (const id of o.schedule_ids) bySchedule.set(id, [...(bySchedule.get(id) ?? []), o]);
  }
  return { items: live, byEntity, bySchedule };
}

const MINUTE_SECONDS = 60;

/** When the hold runs out, from now, in whole minutes ("42m", "3h 10m"); null for an open-ended hold. */
export function timeLeft(o: OverrideDto, now: number): string | null {
  if (o.until === null) return null;
  // A page's clock ticks every half minute: it may lag behind a hold made a moment ago.
  const from = Math.max(now, Date.parse(o.created_at));
  const minutes = Math.max(1, Math.ceil((Date.parse(o.until) - from) / (MINUTE_SECONDS * 1000)));
  return formatDuration(minutes * MINUTE_SECONDS);
}

/** An item of the hold menu (alm-schedule-menu's MenuItem; not imported, so this module stays DOM-free). */
export interface HoldMenuItem {
  id: string;
  label: string;
  icon: string;
}

/** Domains whose state a schedule sets: holding a sensor, a script or a scene means nothing. */
const HOLDABLE_DOMAINS = new Set([
  'light', 'switch', 'fan', 'valve', 'cover', 'climate', 'input_boolean', 'number', 'input_number', 'media_player', 'humidifier', 'water_heater', 'siren', 'lock',
]);

/** Whether an entity can be held (its domain holds a state Almanac sets). */
export function holdable(entityId: string): boolean {
  return HOLDABLE_DOMAINS.has(entityId.slice(0, entityId.indexOf('.')));
}

/** What the hold menu offers (ending the hold, when there is one). */
export type HoldChoice = 'hour' | 'tomorrow' | 'next' | 'end';

const HOUR_SECONDS = 3600;
/** "Until tomorrow 08:00": the morning, when a grower looks at the shelves again. */
export const TOMORROW_TIME = '08:00';

export function holdMenuItems(held: boolean): HoldMenuItem[] {
  const items: HoldMenuItem[] = [
    { id: 'hold:hour', label: t('holds.for_hour'), icon: mdiTimerOutline },
    { id: 'hold:tomorrow', label: t('holds.until_tomorrow', { time: TOMORROW_TIME }), icon: mdiWeatherSunset },
    { id: 'hold:next', label: t('holds.until_next_change'), icon: mdiClockOutline },
  ];
  if (held) items.push({ id: 'hold:end', label: t('holds.end'), icon: mdiHandBackRightOff });
  return items;
}

/** The menu item's choice, or null when the item is not a hold choice. */
export function holdChoice(menuId: string): HoldChoice | null {
  const choice = menuId.startsWith('hold:') ? menuId.slice('hold:'.length) : '';
  return ['hour', 'tomorrow', 'next', 'end'].includes(choice) ? (choice as HoldChoice) : null;
}

/** Tomorrow's date in `zone` (YYYY-MM-DD), counted in that zone's calendar. */
export function tomorrowIn(zone: string, now: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(now));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const next = new Date(Date.UTC(part('year'), part('month') - 1, part('day') + 1));
  return next.toISOString().slice(0, 10);
}

/** The span a choice asks for; "tomorrow 08:00" is a local time the server reads in HA's zone. */
export function holdSpan(choice: Exclude<HoldChoice, 'end'>, zone: string, now: number): Pick<OverrideInput, 'until' | 'duration_seconds' | 'until_next_change'> {
  switch (choice) {
    case 'hour': return { duration_seconds: HOUR_SECONDS };
    case 'tomorrow': return { until: `${tomorrowIn(zone, now)}T${TOMORROW_TIME}` };
    case 'next': return { until_next_change: true };
  }
}

/** What a row asks for: hold these devices (or a schedule's), or end these holds. */
export type HoldRequestDetail =
  | { choice: Exclude<HoldChoice, 'end'>; target?: OverrideInput['target']; schedule_id?: string }
  | { choice: 'end'; ids: string[] };

/** Fires the request from a row; the app shell carries it out. */
export function requestHold(from: HTMLElement, detail: HoldRequestDetail): void {
  from.dispatchEvent(new CustomEvent('hold-request', { detail, bubbles: true, composed: true }));
}

/** A short summary for a badge's tooltip: who holds, until when, and why. */
export function holdTitle(o: OverrideDto, formatUntil: (iso: string) => string): string {
  const until = o.until === null ? '' : ` ${t('holds.until', { time: formatUntil(o.until) })}`;
  return `${t('holds.held_by', { user: o.user.name })}${until}${o.note ? ` · ${o.note}` : ''}`;
}

/** Re-indexes this often so badges count down and expired holds drop out. */
const TICK_MS = 30_000;

/**
 * The holds in force, live: fetched at start, again on every `override` event and whenever the
 * stream comes back (events sent meanwhile were lost). Owned by the app shell; listeners get a
 * fresh index.
 */
export class HoldsStore {
  private items: OverrideDto[] = [];
  private readonly listeners = new Set<(index: HoldIndex) => void>();
  private stops: (() => void)[] = [];
  private loading: Promise<void> | null = null;
  private again = false;

  constructor(private readonly http: Http, private readonly stream: EventStream) {}

  start(): void {
    let lost = false;
    const tick = setInterval(() => this.emit(), TICK_MS);
    this.stops = [
      this.stream.on('override', () => void this.load()),
      this.stream.onStatus((status) => {
        if (status === 'open' && lost) void this.load();
        lost = status === 'reconnecting';
      }),
      () => clearInterval(tick),
    ];
    void this.load();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  onChange(listener: (index: HoldIndex) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads again (a burst of events costs one request more, not one each). */
  load(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          this.items = (await fetchOverrides(this.http, { active: true, limit: 500 })).items;
        } catch {
          // Badges keep what they had; the next event or reconnect loads again.
        }
      } while (this.again);
      this.loading = null;
      this.emit();
    })();
    return this.loading;
  }

  private emit(): void {
    const index = indexHolds(this.items, Date.now());
    for (const listener of this.listeners) listener(index);
  }
}
