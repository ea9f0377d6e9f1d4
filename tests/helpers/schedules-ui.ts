/**
 * The schedules pages in real Chromium: a real Almanac (demo mode, HA simulator) behind the
 * Ingress stand-in, a browser, and the API for arranging and checking state behind the UI's
 * back. Disposable: `close()`.
 */
import * as assert from 'uvu/assert';
import type { Locator, Page } from 'playwright-core';
import type { ScheduleDto, ScheduleInputDto } from '../../server/src/api/types.js';
import { startAlmanac, waitFor, type TestAlmanac } from './almanac.js';
import { ensurePanelBuilt, startBrowser, type PageActivity, type PageOptions, type TestBrowser } from './browser.js';
import { api } from './http.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';

/** A phone running the HA companion app. */
export const PHONE: PageOptions = { width: 360, height: 740, mobile: true };
/** A laptop with HA's sidebar open: room for the editor's two columns. */
export const DESKTOP: PageOptions = { width: 1280, height: 900 };

export interface SchedulesUi {
  almanac: TestAlmanac;
  proxy: IngressProxy;
  browser: TestBrowser;
  /** The API, called directly (not through the proxy). */
  http: ReturnType<typeof api>;
  /** Opens the panel at `hash` (e.g. `#/schedules`) under the Ingress prefix. */
  open(hash: string, opts?: PageOptions): Promise<Page>;
  /** Creates a schedule through the API and returns it. */
  create(input: ScheduleInputDto): Promise<ScheduleDto>;
  get(id: string): Promise<ScheduleDto>;
  list(): Promise<ScheduleDto[]>;
  close(): Promise<void>;
}

/** `demoSeed`: start with demo mode's seeded setup, as `npm start` does (default: empty). */
export async function startSchedulesUi(opts: { demoSeed?: boolean } = {}): Promise<SchedulesUi> {
  await ensurePanelBuilt();
  const almanac = await startAlmanac({ demoSeed: opts.demoSeed ?? false });
  const proxy = await startIngressProxy({ target: almanac.url });
  const browser = await startBrowser();
  const http = api(almanac.url);
  // Schedules take HA's zone and location when created; wait until the simulator has told them.
  await waitFor(async () => (await http.get('/api/health')).json?.ha?.state === 'connected', 'the HA simulator to connect');
  return {
    almanac,
    proxy,
    browser,
    http,
    async open(hash, opts = {}) {
      const page = await browser.newPage({ ...DESKTOP, ...opts });
      await page.goto(`${proxy.ingressUrl}${hash}`);
      return page;
    },
    async create(input) {
      const answer = await http.post('/api/schedules', input);
      assert.is(answer.status, 201, answer.text);
      return answer.json as ScheduleDto;
    },
    async get(id) {
      return (await http.get(`/api/schedules/${id}`)).json as ScheduleDto;
    },
    async list() {
      return ((await http.get('/api/schedules?limit=1000')).json as { items: ScheduleDto[] }).items;
    },
    async close() {
      await browser.close();
      await proxy.close();
      await almanac.close();
    },
  };
}

/** The list row of the schedule named `name`, on the page or within a part of it (a group). */
export function scheduleRow(scope: Page | Locator, name: string): Locator {
  const page = 'goto' in scope ? scope : scope.page();
  return scope.locator('alm-schedule-row').filter({ has: page.locator('a.name', { hasText: name }) });
}

/** Waits until `check` holds for the schedule behind the API. */
export async function waitForSchedule(ui: SchedulesUi, id: string, check: (s: ScheduleDto) => boolean, what: string): Promise<ScheduleDto> {
  return waitFor(async () => {
    const s = await ui.get(id);
    return check(s) ? s : null;
  }, what);
}

/**
 * A full-page screenshot stretches the viewport, which would pin sticky bars (the editor's save
 * bar) to the middle of the picture: scroll to the top and put them back in the flow first.
 */
export async function unstick(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('alm-schedule-save-bar').evaluateAll((bars) => bars.forEach((bar) => ((bar as HTMLElement).style.position = 'static')));
}

/** No console errors, no failed requests except those a test provoked on purpose. */
export function assertClean(activity: PageActivity, allowed: RegExp[] = []): void {
  const failures = activity.failures.filter(
    (f) => !(f.reason === 'net::ERR_ABORTED' && f.url.endsWith('/api/events')) && !allowed.some((re) => re.test(`${f.reason} ${f.url}`)),
  );
  assert.equal(activity.errors.filter((e) => !allowed.some((re) => re.test(e))), [], 'console errors');
  assert.equal(failures, [], 'failed requests');
}
