/**
 * The week timeline in real Chromium, through the simulated Ingress prefix, against a real
 * Almanac in demo mode: what schedules created over the API look like, DST days, hover,
 * keyboard and click, live updates, and screenshots for a human to look at.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { ensurePanelBuilt, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, REEF_AND_GROW, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;
const created: Record<string, ScheduleDto> = {};
/** A fixed week (Mon 7 – Sun 13 December 2026), so the daily schedules' items sit at known places. */
const WEEK = '2026-12-07';

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  const mine = [
    { name: 'Test window', trigger: { type: 'calendar', times: ['10:00'] }, target: { entity_id: ['light.reef_blue'] }, action: { type: 'set_level', percent: 70 }, duration_seconds: 4 * 3600 },
    { name: 'Test ramp', trigger: { type: 'calendar', times: ['06:00'] }, target: { entity_id: ['light.reef_white'] }, action: { type: 'ramp', from: 0, to: 100, duration_seconds: 3 * 3600 } },
    { name: 'Test dose', trigger: { type: 'calendar', times: ['16:00'] }, target: { entity_id: ['switch.reef_dosing_pump'] }, action: { type: 'on' } },
  ] as const;
  for (const input of mine) created[input.name] = await createSchedule(server, structuredClone(input) as never);
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function openTimeline(page: Page, hash: string): Promise<void> {
  await page.goto(server.url(hash));
  await page.locator('alm-timeline-page[data-rendered]').waitFor();
}

/** The chart's public `locate` (the panel's element types are not visible to the tests' compiler). */
interface Locator {
  locate(scheduleId: string): { x: number; y: number; width: number; height: number } | null;
}

/** Screen box of a schedule's first item (the chart scrolls it into view). */
async function itemBox(page: Page, name: string) {
  const box = await page.locator('alm-timeline-chart').evaluate((chart, id) => (chart as unknown as Locator).locate(id), created[name]!.id);
  assert.ok(box, `${name} is drawn`);
  return box!;
}

/** The text of the item details shown (the tooltip's shadow content). */
async function tooltipText(page: Page): Promise<string> {
  const tooltip = page.locator('alm-timeline-tooltip');
  return (await tooltip.count()) === 0 ? '' : tooltip.evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** Waits until the tooltip shows something other than `before`. */
async function tooltipChange(page: Page, before: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = await tooltipText(page);
    if (text && text !== before) return text;
    if (Date.now() > deadline) throw new Error(`the tooltip still shows "${before}"`);
    await page.waitForTimeout(20);
  }
}

/** The opacity of the canvas pixel at a screen point (0–255). */
async function alphaAt(page: Page, x: number, y: number): Promise<number> {
  return page.locator('alm-timeline-chart').evaluate((chart, point) => {
    const canvas = chart.shadowRoot!.querySelector('canvas')!;
    const rect = canvas.getBoundingClientRect();
    const ratio = canvas.width / rect.width;
    const pixel = canvas.getContext('2d')!.getImageData(Math.round((point.x - rect.left) * ratio), Math.round((point.y - rect.top) * ratio), 1, 1).data;
    return pixel[3]!;
  }, { x, y });
}

test('a window, a ramp and a point action created over the API are drawn as block, gradient and tick', async () => {
  const page = await browser.newPage();
  await openTimeline(page, `#/timeline?from=${WEEK}&zoom=day&group=schedule`);
  const tooltip = page.locator('alm-timeline-tooltip');

  const window = await itemBox(page, 'Test window');
  assert.ok(window.width > 100, 'a 4-hour window is a wide block in the day view');
  await page.mouse.move(window.x + window.width / 2, window.y + window.height / 2);
  await tooltip.locator('.item[data-kind="window"]').waitFor();
  assert.match(await tooltipText(page), /Test window/);
  assert.match(await tooltipText(page), /70%/);

  const ramp = await itemBox(page, 'Test ramp');
  const low = await alphaAt(page, ramp.x + 6, ramp.y + ramp.height - 2);
  const high = await alphaAt(page, ramp.x + ramp.width - 6, ramp.y + ramp.height - 2);
  assert.ok(high > low + 40, `the ramp deepens from ${low} to ${high}`);
  assert.is(await alphaAt(page, ramp.x + 6, ramp.y + 3), 0, 'a ramp from 0 % is low at its start');
  await page.mouse.move(ramp.x + ramp.width - 10, ramp.y + ramp.height - 4);
  await tooltip.locator('.item[data-kind="ramp"]').waitFor();
  assert.match(await tooltipText(page), /0% → 100%/);

  const tick = await itemBox(page, 'Test dose');
  assert.ok(tick.width <= 4, 'a point action is a thin tick');
  await page.mouse.move(tick.x + tick.width / 2, tick.y + tick.height / 2);
  await tooltip.locator('.item[data-kind="point"]').waitFor();
  assert.match(await tooltipText(page), /Test dose/);
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('clicking an item opens its schedule', async () => {
  const page = await browser.newPage();
  await openTimeline(page, `#/timeline?from=${WEEK}`);
  const window = await itemBox(page, 'Test window');
  await page.mouse.click(window.x + window.width / 2, window.y + window.height / 2);
  await page.waitForFunction((id) => location.hash === `#/schedules/${id}`, created['Test window']!.id);
  await page.context().close();
});

test('the keyboard walks through items and Enter opens the schedule', async () => {
  const page = await browser.newPage();
  await openTimeline(page, `#/timeline?from=${WEEK}&zoom=day&group=schedule`);
  await page.locator('alm-timeline-chart .body').focus();
  const first = await tooltipChange(page, '');
  await page.keyboard.press('ArrowDown');
  await tooltipChange(page, first);
  const name = (await page.locator('alm-timeline-tooltip .name').innerText()).trim();
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => location.hash === `#/schedules/${id}`, created[name]!.id);
  await page.context().close();
});

test('the spring-forward day of a DST week is drawn with its 23 hours', async () => {
  const page = await browser.newPage();
  await openTimeline(page, '#/timeline?from=2026-03-27');
  const widths = await page.locator('alm-timeline-axis .day').evaluateAll((days) =>
    days.map((d) => ({ key: d.getAttribute('data-day'), hours: Number(d.getAttribute('data-hours')), width: d.getBoundingClientRect().width })),
  );
  assert.equal(widths.map((d) => d.hours), [24, 24, 23, 24, 24, 24, 24]);
  const normal = widths[0]!.width;
  const short = widths.find((d) => d.key === '2026-03-29')!;
  assert.ok(Math.abs(short.width - (normal * 23) / 24) < 1, `23-hour day is ${short.width}px against ${normal}px`);
  assert.match(await page.locator('alm-timeline-axis .day[data-day="2026-03-29"] .dst').innerText(), /23 h/);
  assert.is(await page.locator('alm-timeline-axis .transition').count(), 1);
  await page.context().close();
});

test('the fall-back day is drawn with 25 hours and its repeated hour', async () => {
  const page = await browser.newPage();
  await openTimeline(page, '#/timeline?from=2026-10-25&zoom=day');
  assert.is(await page.locator('alm-timeline-axis .day').getAttribute('data-hours'), '25');
  await page.context().close();
});

test('week and day zoom and the lane grouping are kept in the address', async () => {
  const page = await browser.newPage();
  await openTimeline(page, `#/timeline?from=${WEEK}`);
  await page.locator('alm-timeline-toolbar button[data-value="day"]').click();
  await page.waitForFunction(() => location.hash.includes('zoom=day'));
  await page.locator('alm-timeline-toolbar button[data-value="schedule"]').click();
  await page.waitForFunction(() => location.hash.includes('group=schedule'));
  await page.locator('alm-timeline-lane-label a.title', { hasText: 'Test window' }).waitFor();
  await page.locator('alm-timeline-toolbar alm-icon-button').last().click();
  await page.waitForFunction(() => location.hash.includes('from=2026-12-08'));
  await page.context().close();
});

test('a schedule created while the page is open appears without a reload', async () => {
  const page = await browser.newPage();
  await openTimeline(page, `#/timeline?from=${WEEK}&group=schedule`);
  const late = await createSchedule(server, { name: 'Late arrival', trigger: { type: 'calendar', times: ['12:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'on' } });
  created['Late arrival'] = late;
  await page.locator('alm-timeline-lane-label a.title', { hasText: 'Late arrival' }).waitFor();
  await page.context().close();
});

test('screenshots of the week in light, dark and phone width', async () => {
  for (const input of REEF_AND_GROW) await createSchedule(server, input);
  for (const [name, options] of [
    ['timeline-light', {}],
    ['timeline-dark', { colorScheme: 'dark' as const }],
    ['timeline-phone', { width: 360, height: 740, mobile: true }],
  ] as const) {
    const page = await browser.newPage(options);
    await openTimeline(page, '#/timeline');
    await browser.screenshot(page, name);
    assert.equal(browser.activity(page).errors, [], name);
    assert.equal(browser.activity(page).failures, [], name);
    await page.context().close();
  }
});

test.run();
