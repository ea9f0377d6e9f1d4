/**
 * The Health page in real Chromium through the simulated Ingress prefix, against a real Almanac
 * and its HA simulator: connection, engine and database at a glance, the last day's failures
 * linked to the history, live changes when HA goes away, and screenshots.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/almanac.js';
import { ensurePanelBuilt, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, REEF_AND_GROW, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  for (const input of REEF_AND_GROW) await createSchedule(server, input);
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function openHealth(page: Page): Promise<void> {
  await page.goto(server.url('#/health'));
  await page.locator('alm-health-tile[data-tile="ha"]').waitFor();
}

const tileText = (page: Page, tile: string): Promise<string> => page.locator(`alm-health-tile[data-tile="${tile}"] .text`).innerText();
const tileNumber = async (page: Page, tile: string): Promise<number> => Number(await page.locator(`alm-health-tile[data-tile="${tile}"] .value`).innerText());

test('shows Home Assistant connected and the scheduler running with its next wake-up', async () => {
  const page = await browser.newPage();
  await openHealth(page);
  assert.match(await tileText(page, 'ha'), /Connected/);
  assert.is(await page.locator('alm-health-tile[data-tile="ha"]').getAttribute('tone'), 'ok');
  const engine = await tileText(page, 'engine');
  assert.match(engine, /Running/);
  assert.match(engine, /in \d+ (seconds?|minutes?|hours?)/);
  assert.match(await tileText(page, 'db'), /kB|MB/);
  assert.is(await page.locator('alm-health-page alm-card h2', { hasText: 'Scheduler' }).count(), 1);
  assert.is(await page.locator('alm-info-row .label', { hasText: 'Next wake-up' }).count(), 1);
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('failures of the last 24 hours are counted and link to those runs in the history', async () => {
  const blink = await createSchedule(server, {
    name: 'Reef light blink',
    trigger: { type: 'calendar', times: ['09:00'] },
    target: { entity_id: ['light.reef_blue'] },
    action: { type: 'service', service: 'light.blink' },
  });
  const page = await browser.newPage();
  await openHealth(page);
  const before = await tileNumber(page, 'failures');
  await server.api.post(`/api/schedules/${blink.id}/run`);
  await waitFor(async () => (await server.api.get('/api/stats')).json.runs.failures_24h === before + 1, 'the failure in the stats');
  await waitFor(async () => (await tileNumber(page, 'failures')) === before + 1, 'the failure to be counted live');
  assert.is(await page.locator('alm-health-tile[data-tile="failures"]').getAttribute('tone'), 'bad');
  await page.locator('alm-health-tile[data-tile="failures"] a').click();
  await page.waitForFunction(() => location.hash.startsWith('#/history') && location.hash.includes('status=failed') && location.hash.includes('range=24h'));
  await page.locator('alm-run-row alm-run-status-chip[status="failed"]').first().waitFor();
  await page.context().close();
});

test('Home Assistant going away and coming back shows on the page without a reload', async () => {
  const page = await browser.newPage();
  await openHealth(page);
  const restart = server.almanac.sim.faults.restart(1);
  await waitFor(async () => !/Connected/.test(await tileText(page, 'ha')), 'HA to be shown as away', 5_000);
  assert.not.equal(await page.locator('alm-health-tile[data-tile="ha"]').getAttribute('tone'), 'ok');
  await restart;
  await waitFor(async () => /Connected/.test(await tileText(page, 'ha')), 'HA to be shown as back', 15_000);
  await page.context().close();
});

test('screenshots of the health page in light, dark and phone width', async () => {
  for (const [name, options] of [
    ['health-light', {}],
    ['health-dark', { colorScheme: 'dark' as const }],
    ['health-phone', { width: 360, height: 740, mobile: true }],
  ] as const) {
    const page = await browser.newPage(options);
    await openHealth(page);
    await page.locator('alm-health-stats alm-card').waitFor();
    await browser.screenshot(page, name, { fullPage: name !== 'health-phone' });
    assert.equal(browser.activity(page).errors, [], name);
    await page.context().close();
  }
});

test.run();
