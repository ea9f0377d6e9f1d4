/**
 * The run history in real Chromium through the simulated Ingress prefix, against a real Almanac
 * and its HA simulator: runs started over the API with their calls and HA's answers, failures,
 * filters in the address, one schedule's history, paging on scroll, live rows, screenshots.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { waitFor } from '../helpers/almanac.js';
import { ensurePanelBuilt, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;
let doser: ScheduleDto;
let blink: ScheduleDto;
let pump: ScheduleDto;
/** One page of the history, as the panel asks for it. */
const PAGE_SIZE = 50;

/** Starts a run now and waits until it has finished. */
async function runNow(schedule: ScheduleDto): Promise<string> {
  const answer = await server.api.post(`/api/schedules/${schedule.id}/run`);
  assert.is(answer.status, 202, answer.text);
  const id = String(answer.json.run_id);
  await waitFor(async () => {
    const run = await server.api.get(`/api/runs/${id}`);
    return !['queued', 'running'].includes(run.json.status);
  }, `run ${id} to finish`);
  return id;
}

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  doser = await createSchedule(server, {
    name: 'Alkalinity dosing',
    trigger: { type: 'calendar', times: ['08:00'] },
    target: { entity_id: ['switch.reef_dosing_pump'] },
    action: { type: 'on' },
    policy: { overlap: 'allow' },
  });
  blink = await createSchedule(server, {
    name: 'Reef light blink',
    trigger: { type: 'calendar', times: ['09:00'] },
    target: { entity_id: ['light.reef_blue'] },
    action: { type: 'service', service: 'light.blink', data: { flashes: 3 } },
  });
  pump = await createSchedule(server, {
    name: 'Return pump pulse',
    trigger: { type: 'calendar', times: ['10:00'] },
    target: { entity_id: ['switch.water_pump_main'] },
    action: { type: 'on' },
    policy: { overlap: 'allow' },
  });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function openHistory(page: Page, hash = '#/history'): Promise<void> {
  await page.goto(server.url(hash));
  await page.locator('alm-run-row').first().waitFor();
}

/** The visible text of an element inside shadow roots. */
const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().innerText();

test('a run started now shows its status, trigger, calls and HA’s answer', async () => {
  const id = await runNow(doser);
  const page = await browser.newPage();
  await openHistory(page);
  const row = page.locator(`alm-run-row[data-run="${id}"]`);
  assert.match(await row.locator('alm-run-status-chip span').innerText(), /Succeeded/);
  assert.match(await row.locator('.meta').innerText(), /Manual/);
  await row.locator('button.summary').click();
  const call = row.locator('alm-run-calls li.call');
  assert.match(await call.locator('.service').innerText(), /switch\.turn_on/);
  assert.is(await call.getAttribute('data-ok'), 'true');
  assert.match(await call.innerText(), /Reef dosing pump \(switch\.reef_dosing_pump\)/);
  assert.match(await call.innerText(), /accepted \(context \w+\)/);
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('a failed run shows the error and HA’s error answer', async () => {
  const id = await runNow(blink);
  const page = await browser.newPage();
  await openHistory(page);
  const row = page.locator(`alm-run-row[data-run="${id}"]`);
  assert.match(await row.locator('alm-run-status-chip span').innerText(), /Failed/);
  await row.locator('button.summary').click();
  assert.match(await text(page, `alm-run-row[data-run="${id}"] .error`), /Service light\.blink not found/);
  const call = row.locator('alm-run-calls li.call');
  assert.is(await call.getAttribute('data-ok'), 'false');
  assert.match(await call.innerText(), /not_found: Service light\.blink not found\./);
  await page.context().close();
});

test('status chips and the schedule select filter the list and live in the address', async () => {
  await runNow(doser);
  await runNow(blink);
  const page = await browser.newPage();
  await openHistory(page);
  await page.locator('alm-history-filters button[data-status="failed"]').click();
  await page.waitForFunction(() => location.hash.includes('status=failed'));
  await waitFor(async () => (await page.locator('alm-run-row alm-run-status-chip[status="success"]').count()) === 0, 'only failed runs');
  assert.ok((await page.locator('alm-run-row').count()) > 0);
  await page.locator('alm-history-filters button[data-status="failed"]').click();
  await page.locator('alm-history-filters select[name="schedule"]').selectOption(doser.id);
  await page.waitForFunction((id) => location.hash.includes(`schedule_id=${id}`), doser.id);
  await waitFor(async () => (await page.locator('alm-run-row .name').allInnerTexts()).every((n) => n === 'Alkalinity dosing'), 'only the dosing runs');
  await page.context().close();
});

test('one schedule’s history is a link: its name in the title, only its runs', async () => {
  await runNow(pump);
  const page = await browser.newPage();
  await openHistory(page, `#/history?schedule_id=${pump.id}`);
  assert.match(await page.locator('alm-history-page alm-card h2').innerText(), /History of Return pump pulse/);
  const names = await page.locator('alm-run-row .name').allInnerTexts();
  assert.ok(names.length > 0 && names.every((n) => n === 'Return pump pulse'), names.join());
  assert.is(await page.locator('alm-history-page a.open').getAttribute('href'), `#/schedules/${pump.id}`);
  await page.context().close();
});

test('a run started while the page is open appears at the top without a reload', async () => {
  const page = await browser.newPage();
  await openHistory(page, `#/history?schedule_id=${pump.id}`);
  const id = await runNow(pump);
  await page.locator(`alm-run-row[data-run="${id}"]`).waitFor();
  assert.is(await page.locator('alm-run-row').first().getAttribute('data-run'), id);
  await page.context().close();
});

test('screenshots of the history in light, dark and phone width', async () => {
  for (const [name, options] of [
    ['history-light', {}],
    ['history-dark', { colorScheme: 'dark' as const }],
    ['history-phone', { width: 360, height: 740, mobile: true }],
  ] as const) {
    const page = await browser.newPage(options);
    await openHistory(page);
    const failed = page.locator('alm-run-row').filter({ has: page.locator('alm-run-status-chip[status="failed"]') }).first();
    await failed.locator('button.summary').click();
    await failed.locator('alm-run-calls').waitFor();
    await browser.screenshot(page, name);
    assert.equal(browser.activity(page).errors, [], name);
    await page.context().close();
  }
});

test('scrolling to the end loads the next page of runs by cursor', async () => {
  const existing = (await server.api.get(`/api/runs?schedule_id=${doser.id}&limit=500`)).json.items.length as number;
  for (let i = existing; i < PAGE_SIZE + 8; i++) await server.api.post(`/api/schedules/${doser.id}/run`);
  await waitFor(async () => (await server.api.get(`/api/runs?schedule_id=${doser.id}&limit=500`)).json.items.length >= PAGE_SIZE + 8, 'the runs');
  const page = await browser.newPage();
  await openHistory(page, `#/history?schedule_id=${doser.id}`);
  assert.is(await page.locator('alm-run-row').count(), PAGE_SIZE);
  await page.locator('alm-history-page .more.sentinel').scrollIntoViewIfNeeded();
  await waitFor(async () => (await page.locator('alm-run-row').count()) >= PAGE_SIZE + 8, 'the second page');
  assert.ok(server.proxy.requests.some((r) => r.includes('/api/runs?') && r.includes('cursor=')), 'asked with a cursor');
  await page.locator('alm-history-page .more', { hasText: 'No older runs' }).waitFor();
  const ids = await page.locator('alm-run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run')));
  assert.is(new Set(ids).size, ids.length, 'no run twice');
  await page.context().close();
});

test.run();
