/**
 * The Schedules page's data: the schedules matching the filters, a page at a time from the server
 * (which filters, searches and sorts them: soonest next run first), and the counts behind the
 * filters. With 10,000 schedules the page holds the first 40 and asks for more as the user
 * scrolls. A newer query (typing in the search) wins over answers to older ones.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ScheduleCountsDto, ScheduleDto } from '../../server/src/api/types.js';
import type { Http } from './api/http.js';
import { fetchScheduleCounts, fetchSchedules, MAX_PAGE, type ScheduleFilterQuery } from './api/schedules.js';

/**
 * The first page: about six screens of rows, which paint at once (each row is a dozen small
 * elements: 40 cost a third of what 100 do); later pages, asked for as the list is scrolled, are larger.
 */
export const FIRST_PAGE = 40;
export const PAGE_SIZE = 100;
/** Counts are asked for again at most this often while schedules change (runs change states). */
const COUNTS_REFRESH_MS = 2_000;
/**
 * While the search is typed, counts (a scan of every schedule) wait for a pause this long, so each
 * keystroke's page is answered first and the server is not kept busy counting for letters gone by.
 */
const TYPING_PAUSE_MS = 300;

/** Where a schedule stands in the server's order (next run, then name): for deciding whether a live update is in the loaded range. */
function nextRunKey(s: ScheduleDto): number {
  return s.next_run_at ? Date.parse(s.next_run_at) : Number.POSITIVE_INFINITY;
}

export class ScheduleListController implements ReactiveController {
  /** The loaded schedules, by id, in the server's order. */
  items: ReadonlyMap<string, ScheduleDto> = new Map();
  /** The counts last answered: `total` holds for every query, the rest for `countsKey`'s. */
  counts: ScheduleCountsDto | null = null;
  /** The first page of the current query is on its way (nothing of it shown yet). */
  loading = true;
  loadingMore = false;
  error: unknown = null;
  /** The query the shown items belong to. */
  shownKey: string | null = null;
  private query: ScheduleFilterQuery = {};
  private key: string | null = null;
  private countsKey: string | null = null;
  private cursor: string | null = null;
  private seq = 0;
  private countsTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly http: () => Http | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
  }

  /** Every schedule of the query is loaded. */
  get complete(): boolean {
    return this.cursor === null && !this.loading;
  }

  /** How many schedules match the shown query; null while unknown (counted after its first page). */
  get matching(): number | null {
    if (this.counts && this.countsKey === this.shownKey) return this.counts.matching;
    return this.complete ? this.items.size : null;
  }

  /** How many schedules there are in all; null while unknown. */
  get total(): number | null {
    return this.counts?.total ?? null;
  }

  /** Shows `query` (its first page and counts) unless it is the one shown; `force` reloads it. */
  async show(query: ScheduleFilterQuery, key: string, force = false): Promise<void> {
    const http = this.http();
    if (!http || (key === this.key && !force)) return;
    this.query = query;
    this.key = key;
    const seq = ++this.seq;
    this.loading = this.shownKey === null;
    this.host.requestUpdate();
    try {
      const page = await fetchSchedules(http, { ...query, sort: 'next_run_at', limit: FIRST_PAGE });
      if (seq !== this.seq) return;
      this.items = new Map(page.items.map((s) => [s.id, s]));
      this.cursor = page.next_cursor;
      this.shownKey = key;
      this.error = null;
      this.countsAfter(this.counts ? TYPING_PAUSE_MS : 0);
    } catch (error) {
      if (seq === this.seq) this.error = error;
    } finally {
      if (seq === this.seq) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** The next page (`all`: every page left, a thousand at a time, for grouping). */
  async loadMore(all = false): Promise<void> {
    const http = this.http();
    if (!http || this.loadingMore || this.cursor === null) return;
    const seq = this.seq;
    this.loadingMore = true;
    this.host.requestUpdate();
    try {
      while (this.cursor !== null && seq === this.seq) {
        const page = await fetchSchedules(http, { ...this.query, sort: 'next_run_at', limit: all ? MAX_PAGE : PAGE_SIZE, cursor: this.cursor });
        if (seq !== this.seq) return;
        const items = new Map(this.items);
        for (const s of page.items) items.set(s.id, s);
        this.items = items;
        this.cursor = page.next_cursor;
        this.host.requestUpdate();
        if (!all) break;
      }
    } catch (error) {
      // A cursor from before a restart of the list (or any failure): start the query again.
      if (seq === this.seq) this.error = error;
    } finally {
      if (seq === this.seq) this.loadingMore = false;
      this.host.requestUpdate();
    }
  }

  /**
   * A schedule as it is now: kept or added when it matches the filters and sorts within what is
   * loaded (else its page brings it later), dropped when it no longer matches.
   */
  put(schedule: ScheduleDto, matches: boolean): void {
    const has = this.items.has(schedule.id);
    if (!matches) return this.remove(schedule.id);
    const last = [...this.items.values()].at(-1);
    if (!has && this.cursor !== null && last && nextRunKey(schedule) > nextRunKey(last)) return;
    this.items = new Map(this.items).set(schedule.id, schedule);
    this.refreshCountsSoon();
  }

  remove(id: string): void {
    if (!this.items.has(id)) return;
    const items = new Map(this.items);
    items.delete(id);
    this.items = items;
    this.refreshCountsSoon();
  }

  /** Counts again after changes, at most every COUNTS_REFRESH_MS. */
  refreshCountsSoon(): void {
    this.host.requestUpdate();
    if (!this.countsTimer) this.countsAfter(COUNTS_REFRESH_MS);
  }

  /** Counts of the query current then, in `ms` (a later call moves the time). */
  private countsAfter(ms: number): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      const http = this.http();
      if (http) void this.loadCounts(http, this.seq);
    }, ms);
  }

  private async loadCounts(http: Http, seq: number): Promise<void> {
    const key = this.key;
    try {
      const counts = await fetchScheduleCounts(http, this.query);
      if (seq !== this.seq) return;
      this.counts = counts;
      this.countsKey = key;
      this.host.requestUpdate();
    } catch {
      // The list shows the error; counts stay as they were.
    }
  }
}
