/**
 * Sequential watering on the week timeline, in real Chromium against a real Almanac: four shelves
 * due at 06:00 on one water main. Shelves 2 and 3 show a wait mark before their window, which
 * starts at their turn; shelf 4 gives up waiting and shows as skipped; each mark says why in
 * words (English and German) and opens its lock. Screenshots for a human to look at.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { ensurePanelBuilt, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;
const shelves: ScheduleDto[] = [];
/** Fifteen minutes a shelf: shelf 2 waits 15, shelf 3 30, and shelf 4 (20 minutes at most) gives up. */
const WATERING_S = 15 * 60;
const SHELF_4_WAIT_S = 20 * 60;
const VALVES = ['switch.shelf_1_pump', 'switch.grow_shelf_2_relay', 'switch.garden_sprinkler', 'switch.water_pump_main'];
const BERLIN = 'Europe/Berlin';

/** Tomorrow in HA's zone (the demo's Berlin): inside the forecast horizon, all day. */
function tomorrow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + 86_400_000);
}

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  for (const [i, entity] of VALVES.entries()) {
    shelves.push(await createSchedule(server, {
      name: `Shelf ${i + 1} watering`, trigger: { type: 'calendar', times: ['06:00'] }, timezone: BERLIN, target: { entity_id: [entity] }, action: { type: 'on' },
      duration_seconds: WATERING_S, priority: 10 - i, policy: { lock: 'water-main', ...(i === 3 ? { lock_wait_seconds: SHELF_4_WAIT_S } : {}) },
    } as never));
  }
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function openDay(page: Page): Promise<void> {
  await page.goto(server.url(`#/timeline?from=${tomorrow()}&zoom=day&group=schedule`));
  await page.locator('alm-timeline-page[data-rendered]').waitFor();
}

const mark = (page: Page, shelf: number) => page.locator(`alm-timeline-chart a.wait[data-schedule-id="${shelves[shelf - 1]!.id}"]`);

interface Locator {
  locate(scheduleId: string): { x: number; y: number; width: number; height: number } | null;
}

test('shelves 2 and 3 wait before their windows, named and timed; shelf 4 is skipped', async () => {
  const page = await browser.newPage({ width: 1280, height: 800 });
  await openDay(page);
  await mark(page, 3).waitFor();
  assert.is(await page.locator('alm-timeline-chart a.wait').count(), 3, 'shelf 1 does not wait');
  assert.is(await mark(page, 1).count(), 0);
  const two = await mark(page, 2).getAttribute('aria-label');
  const three = await mark(page, 3).getAttribute('aria-label');
  const four = await mark(page, 4).getAttribute('aria-label');
  assert.match(two!, /^Shelf 2 watering waits 15 min for water-main \(Shelf 1 watering run first\): due 6:00\sAM, starts 6:15\sAM$/);
  assert.match(three!, /^Shelf 3 watering waits 30 min for water-main \(Shelf 1 watering and Shelf 2 watering run first\)/, three!);
  assert.match(four!, /^Shelf 4 watering gives up waiting for water-main after 20 min \(Shelf 1 watering and Shelf 2 watering run first\): skipped/, four!);
  assert.is(await mark(page, 3).getAttribute('title'), three, 'the title says the same to the mouse');
  assert.equal(await mark(page, 4).evaluate((a) => a.className), 'wait skipped');

  // Shelf 3's window is drawn at its turn: where its wait mark ends.
  const box = (await page.locator('alm-timeline-chart').evaluate((chart, id) => (chart as unknown as Locator).locate(id), shelves[2]!.id))!;
  const waitBox = (await mark(page, 3).boundingBox())!;
  assert.ok(Math.abs(waitBox.x + waitBox.width - box.x) <= 1, `the mark ends (${waitBox.x + waitBox.width}) where the window starts (${box.x})`);
  assert.ok(Math.abs(waitBox.y - box.y) <= 1, 'in the same row');
  assert.is(await page.locator('alm-timeline-chart').evaluate((chart, id) => (chart as unknown as Locator).locate(id), shelves[3]!.id), null, 'shelf 4 has no window: it does not water');
  assert.match(await page.locator('alm-timeline-legend').evaluate((el) => el.shadowRoot?.textContent ?? ''), /Waits for a lock/);

  await browser.screenshot(page, 'timeline-waits-day');
  await mark(page, 3).click();
  await page.waitForFunction(() => location.hash === '#/locks/water-main');
  await page.locator('alm-locks-page alm-lock-card[data-lock="water-main"][data-selected]').waitFor();
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('in German the marks say the same; the week view shows them too', async () => {
  const page = await browser.newPage({ locale: 'de-DE' });
  await openDay(page);
  await mark(page, 2).waitFor();
  assert.match((await mark(page, 2).getAttribute('aria-label'))!, /^Shelf 2 watering wartet 15 Min\. auf water-main \(Shelf 1 watering laufen zuerst\)/);
  assert.match((await mark(page, 4).getAttribute('aria-label'))!, /übersprungen/);
  await page.context().close();

  const week = await browser.newPage({ colorScheme: 'dark' });
  await week.goto(server.url('#/timeline?group=schedule'));
  await week.locator('alm-timeline-page[data-rendered]').waitFor();
  await mark(week, 3).first().waitFor();
  assert.ok((await mark(week, 2).count()) >= 6, 'every day of the forecast has its waits');
  await browser.screenshot(week, 'timeline-waits-week-dark');
  assert.equal(browser.activity(week).errors, []);
  await week.context().close();
});

test.run();
