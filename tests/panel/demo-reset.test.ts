/**
 * The demo's reset on the Settings page, in real Chromium through the Ingress stand-in: offered in
 * demo mode only, it asks first (saying what will be lost), and once confirmed the demo is back as
 * seeded, which the Schedules page then shows. Screenshots of the card and the dialog.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac as start } from '../../server/src/almanac.js';
import { loadConfig } from '../../server/src/config.js';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { startSimulator } from '../../server/src/ha/simulator/index.js';
import { silentLogger } from '../../server/src/log.js';
import { waitFor } from '../helpers/almanac.js';
import { ensurePanelBuilt, shownText, startBrowser } from '../helpers/browser.js';
import { startIngressProxy } from '../helpers/ingress-proxy.js';
import { assertClean, scheduleRow, startSchedulesUi } from '../helpers/schedules-ui.js';

const SEEDED = demoSchedules().map((s) => s.name).sort();

test('in demo mode Settings offers the reset; it asks first, and once confirmed the demo is restored', async () => {
  const ui = await startSchedulesUi({ demoSeed: true });
  try {
    const mine = await ui.create({ name: 'My own lamp', trigger: { type: 'cron', expression: '0 12 * * *' }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'on' } });
    const reef = (await ui.list()).find((s) => s.name === 'Reef daylight')!;
    assert.is((await ui.http.delete(`/api/schedules/${reef.id}`)).status, 204);

    const page = await ui.open('#/settings');
    const card = page.locator('alm-demo-reset');
    await card.waitFor();
    assert.match(await shownText(card), /demo mode/);
    await page.locator('alm-card.demo').scrollIntoViewIfNeeded();
    await ui.browser.screenshot(page, 'demo-reset-card');

    // Asked first: cancelling changes nothing.
    await card.locator('alm-button.reset').click();
    const dialog = card.locator('dialog');
    await dialog.waitFor();
    assert.match(await shownText(dialog), /will be lost/);
    assert.match(await shownText(dialog), /schedules, zones, recipes, grows and locks/);
    await ui.browser.screenshot(page, 'demo-reset-confirm');
    await dialog.locator('alm-button.cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.ok((await ui.list()).some((s) => s.id === mine.id), 'cancelled: nothing reset');

    await card.locator('alm-button.reset').click();
    await dialog.locator('alm-button.confirm').click();
    const done = card.locator('alm-alert.reset-done');
    await done.waitFor();
    assert.match(await shownText(done), /The demo was reset/);
    await ui.browser.screenshot(page, 'demo-reset-done');
    const names = (await ui.list()).filter((s) => s.grow_id === null).map((s) => s.name).sort();
    assert.equal(names, SEEDED);

    // The Schedules page shows the demo as seeded: the deleted one back, the user's gone.
    await page.goto(`${ui.proxy.ingressUrl}#/schedules`);
    await scheduleRow(page, 'Reef daylight').waitFor();
    assert.is(await scheduleRow(page, 'My own lamp').count(), 0);
    assertClean(ui.browser.activity(page));
  } finally {
    await ui.close();
  }
});

test('outside demo mode Settings has no demo reset', async () => {
  await ensurePanelBuilt();
  const sim = await startSimulator({ port: 0, token: 'standalone-token' });
  const dataDir = mkdtempSync(join(tmpdir(), 'almanac-standalone-'));
  const readFile = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const config = { ...loadConfig({ DATA_DIR: dataDir, HA_URL: sim.url, HA_TOKEN: 'standalone-token', ALMANAC_TRUSTED_PROXIES: '127.0.0.1' }, readFile, '0.0.0-test'), port: 0 };
  const almanac = await start({ config, logger: silentLogger(), host: '127.0.0.1' });
  const proxy = await startIngressProxy({ target: almanac.url });
  const browser = await startBrowser();
  try {
    await waitFor(() => almanac.ha.status().state === 'connected', 'HA connected');
    const page = await browser.newPage({ width: 1100, height: 900 });
    await page.goto(`${proxy.ingressUrl}#/settings`);
    await page.locator('alm-notify-kind-row[data-kind="run_failed"]').waitFor();
    assert.is(await page.locator('alm-demo-reset').count(), 0);
    assert.is(await page.locator('alm-card.demo').count(), 0);
  } finally {
    await browser.close();
    await proxy.close();
    await almanac.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
