/**
 * Conflicts in real Chromium, through the simulated Ingress prefix, against a real Almanac in demo
 * mode: the mark on the week timeline opens the conflict, its resolution by priority is previewed
 * on the lanes and applied, and the mark is gone; the tab's badge counts open conflicts; the
 * schedule editor shows what saving would conflict with. Screenshots for a human to look at.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { ensurePanelBuilt, shownText, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;
let day: ScheduleDto;
let siesta: ScheduleDto;
/** A fixed week (Mon 7 – Sun 13 December 2026), so the daily schedules sit at known places. */
const WEEK = '2026-12-07';

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  day = await createSchedule(server, {
    name: 'Shelf 2 day', trigger: { type: 'calendar', times: ['06:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600,
  });
  siesta = await createSchedule(server, {
    name: 'Shelf 2 siesta', trigger: { type: 'calendar', times: ['12:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'off' }, duration_seconds: 3600, priority: 5,
  });
  await createSchedule(server, { name: 'Main pump A', trigger: { type: 'calendar', times: ['07:00'] }, target: { entity_id: ['switch.water_pump_main'] }, action: { type: 'on' }, duration_seconds: 3600, policy: { lock: 'water-main' } });
  await createSchedule(server, { name: 'Shelf 1 pump B', trigger: { type: 'calendar', times: ['07:30'] }, target: { entity_id: ['switch.shelf_1_pump'] }, action: { type: 'on' }, duration_seconds: 600, policy: { lock: 'water-main' } });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** The chart's public `locate` (the panel's element types are not visible to the tests' compiler). */
interface Locator {
  locate(scheduleId: string, nth?: number): { x: number; y: number; width: number; height: number } | null;
}

/** Opens the first day of the week; answers how many conflicts it marks. */
async function openTimeline(page: Page): Promise<number> {
  await page.goto(server.url(`#/timeline?from=${WEEK}&zoom=day`));
  const timeline = page.locator('alm-timeline-page[data-rendered][data-conflicts]');
  await timeline.waitFor();
  return Number(await timeline.getAttribute('data-conflicts'));
}

/** The colour of the canvas pixel at a screen point. */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number, number]> {
  return page.locator('alm-timeline-chart').evaluate((chart, point) => {
    const canvas = chart.shadowRoot!.querySelector('canvas')!;
    const rect = canvas.getBoundingClientRect();
    const ratio = canvas.width / rect.width;
    const data = canvas.getContext('2d')!.getImageData(Math.round((point.x - rect.left) * ratio), Math.round((point.y - rect.top) * ratio), 1, 1).data;
    return [data[0]!, data[1]!, data[2]!, data[3]!] as [number, number, number, number];
  }, { x, y });
}

/** Whether a small area around a point holds the red of a conflict mark (the hatch leaves gaps). */
async function redAround(page: Page, x: number, y: number): Promise<boolean> {
  for (let dx = -3; dx <= 3; dx++) {
    const [r, g, b, a] = await pixelAt(page, x + dx, y);
    if (a > 0 && r > 150 && g < 120 && b < 120) return true;
  }
  return false;
}

test('the timeline marks the conflict; clicking the mark opens it; resolving it by priority (previewed first) removes the mark', async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  const before = await openTimeline(page);
  assert.is(before, 2, 'the light and the water main');
  const badge = page.locator('alm-nav-tabs [data-badge="conflicts"]');
  await badge.waitFor();
  assert.ok(Number(await shownText(badge)) >= 1, 'the tab counts open conflicts');
  const box = await page.locator('alm-timeline-chart').evaluate((chart, id) => (chart as unknown as Locator).locate(id), siesta.id);
  assert.ok(box, 'the siesta window is drawn');
  const middle = { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
  assert.ok(await redAround(page, middle.x, middle.y), 'the overlap is hatched red');
  await browser.screenshot(page, 'conflicts-timeline-marked');

  await page.mouse.click(middle.x, middle.y);
  await page.waitForURL(/#\/conflicts\/[0-9a-f]{16}$/);
  const card = page.locator('alm-conflict-card[selected]');
  await card.waitFor();
  assert.match(await shownText(card), /Shelf 2 day and Shelf 2 siesta on Grow shelf 2 light/);
  assert.match(await shownText(card), /Until you decide, “Shelf 2 siesta” keeps the device/);
  await card.locator('alm-conflict-lanes .overlap').first().waitFor();
  await browser.screenshot(page, 'conflicts-page', { fullPage: true });

  const keepDay = card.locator('alm-conflict-resolutions alm-button[data-strategy="priority"]', { hasText: 'Shelf 2 day' });
  await keepDay.hover();
  await card.locator('alm-conflict-lanes .skipped').first().waitFor();
  assert.match(await shownText(card.locator('alm-conflict-lanes')), /keeps it[\s\S]*skipped|skipped[\s\S]*keeps it/);
  await browser.screenshot(page, 'conflicts-preview-priority');

  await keepDay.click();
  await card.locator('[data-status="resolved"]').waitFor();
  assert.match(await shownText(card), /“Shelf 2 day” keeps the device while both want it, as decided/);
  await browser.screenshot(page, 'conflicts-resolved');
  const resolved = await server.api.get(`/api/conflicts?from=${WEEK}T00:00&to=2026-12-14T00:00&status=all`);
  assert.equal(resolved.json.items.filter((c: { entity_id?: string }) => c.entity_id === 'light.grow_shelf_2').map((c: { status: string; winner_id: string }) => [c.status, c.winner_id]), [['resolved', day.id]]);

  assert.is(await openTimeline(page), before - 1);
  const after = await page.locator('alm-timeline-chart').evaluate((chart, id) => (chart as unknown as Locator).locate(id), siesta.id);
  assert.not.ok(await redAround(page, after!.x + after!.width / 2, after!.y + after!.height / 2), 'the mark is gone');
  await browser.screenshot(page, 'conflicts-timeline-resolved');
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('a lock wait is shown with its holds; moving a schedule is previewed with its new times before it is applied', async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(server.url('#/conflicts'));
  const card = page.locator('alm-conflict-card', { hasText: 'water-main' });
  await card.waitFor();
  assert.match(await shownText(card), /Lock wait/);
  await card.locator('alm-conflict-lanes .item.hold').first().waitFor();
  await card.locator('alm-button', { hasText: 'Move one…' }).click();
  await card.locator('select').selectOption({ label: 'Shelf 1 pump B' });
  await card.locator('input[type="number"]').fill('45');
  await card.locator('.info', { hasText: 'no longer conflicts' }).waitFor();
  assert.match(await shownText(card.locator('.info')), /New times: .*8:15/);
  await card.locator('alm-conflict-lanes .item.ghost').first().waitFor();
  await browser.screenshot(page, 'conflicts-preview-shift');
  await card.locator('alm-button[data-strategy="shift"]').click();
  await page.locator('alm-conflict-card', { hasText: 'water-main' }).waitFor({ state: 'detached' });
  const pump = (await server.api.get('/api/schedules')).json.items.find((s: ScheduleDto) => s.name === 'Shelf 1 pump B');
  assert.equal(pump.trigger, { type: 'calendar', times: ['08:15'] });
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('the schedule editor shows what saving the draft would conflict with', async () => {
  const clash = await createSchedule(server, { name: 'Shelf 2 noon off', trigger: { type: 'calendar', times: ['13:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'off' } });
  const page = await browser.newPage({ width: 1024, height: 900 });
  await page.goto(server.url(`#/schedules/${clash.id}`));
  const check = page.locator('alm-conflict-check');
  await check.locator('li').first().waitFor();
  assert.match(await shownText(check), /Saving would conflict with[\s\S]*Shelf 2 day on Grow shelf 2 light/);
  assert.match(await shownText(check), /You can still save/);
  await check.scrollIntoViewIfNeeded();
  await browser.screenshot(page, 'conflicts-editor-check');
  await page.context().close();
});

test('on a phone the conflicts page fits the width', async () => {
  // A tall page at a phone's 3× pixels is a big picture: screenshots of it take a while on a busy machine.
  const page = await browser.newPage({ width: 360, height: 740, mobile: true, timeout: 20_000 });
  await page.goto(server.url('#/conflicts?status=all'));
  await page.locator('alm-conflict-card').first().waitFor();
  assert.is(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  await browser.screenshot(page, 'conflicts-phone');
  await page.context().close();
});

test.run();
