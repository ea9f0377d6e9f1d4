/**
 * The Settings page in real Chromium through the simulated Ingress prefix, against a real Almanac
 * and its HA simulator: a push channel is chosen for failed runs and saved, a test is sent to it,
 * HA receives it and the history shows it; validation errors land on their field; screenshots.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/almanac.js';
import { ensurePanelBuilt, shownText, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { startPanelServer, type PanelServer } from './timeline-fixtures.js';

const PHONE = 'notify.mobile_app_demo_phone';
let server: PanelServer;
let browser: TestBrowser;

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  await waitFor(async () => (await server.api.get('/api/settings/notifications/services')).json.items.length > 0, "HA's notify services");
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function openSettings(page: Page): Promise<void> {
  await page.goto(server.url('#/settings'));
  await page.locator('alm-notify-kind-row[data-kind="run_failed"]').waitFor();
}

const chip = (page: Page, kind: string, channel: string) => page.locator(`alm-notify-kind-row[data-kind="${kind}"] button[data-channel="${channel}"]`);

test('a push channel for failed runs is saved, a test goes to the phone, and the history records it', async () => {
  const page = await browser.newPage({ width: 1100, height: 900 });
  await openSettings(page);
  assert.is(await chip(page, 'run_failed', 'persistent').getAttribute('aria-pressed'), 'true');
  assert.is(await chip(page, 'run_failed', PHONE).getAttribute('aria-pressed'), 'false');
  await browser.screenshot(page, 'settings-notifications');

  await chip(page, 'run_failed', PHONE).click();
  await page.locator('alm-notify-kind-row[data-kind="run_failed"] select').selectOption('critical');
  assert.match(await shownText(page.locator('alm-settings-save-bar')), /Unsaved changes/);
  await page.locator('alm-settings-save-bar .save').click();
  await page.locator('alm-alert.saved').waitFor();
  const saved = (await server.api.get('/api/settings/notifications')).json;
  assert.equal(saved.kinds.run_failed, { persistent: true, notify: [PHONE], severity: 'critical' });
  assert.is(saved.version, 2);

  const row = page.locator(`alm-notify-tests li[data-channel="${PHONE}"]`);
  await row.locator('alm-button.send').click();
  await row.locator('.result.ok').waitFor();
  const push = server.almanac.sim.calls.find((c) => c.domain === 'notify' && c.service === 'mobile_app_demo_phone');
  assert.ok(push, 'HA received the push');
  assert.match(String(push!.service_data.message), /A test from Almanac/);
  const recorded = page.locator('alm-notification-row').first();
  await page.locator(`alm-notification-row .channel[data-channel="${PHONE}"][data-status="delivered"]`).waitFor();
  assert.match(await shownText(recorded), /test notification Test ·/);
  assert.match(await shownText(recorded), /demo phone\s*:\s*delivered/);
  await page.locator('alm-card.tests').scrollIntoViewIfNeeded();
  await browser.screenshot(page, 'settings-test-sent');
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('quiet hours and limits are saved; an invalid value is marked on its field and nothing is saved', async () => {
  const page = await browser.newPage({ width: 1100, height: 900 });
  await openSettings(page);
  await page.locator('alm-quiet-hours input[name="quiet"]').check();
  await page.locator('alm-notify-limits input[name="max_per_hour"]').fill('0');
  await page.locator('alm-notify-limits input[name="max_per_hour"]').dispatchEvent('change');
  await page.locator('alm-settings-save-bar .save').click();
  await page.locator('alm-notify-limits .error').waitFor();
  assert.match(await shownText(page.locator('alm-notify-limits .error')), /at least 1|>=1/);
  assert.is((await server.api.get('/api/settings/notifications')).json.quiet_hours, null);
  await page.locator('alm-quiet-hours').scrollIntoViewIfNeeded();
  await browser.screenshot(page, 'settings-invalid');
  await page.locator('alm-notify-limits input[name="max_per_hour"]').fill('6');
  await page.locator('alm-notify-limits input[name="max_per_hour"]').dispatchEvent('change');
  await page.locator('alm-settings-save-bar .save').click();
  await page.locator('alm-alert.saved').waitFor();
  const saved = (await server.api.get('/api/settings/notifications')).json;
  assert.equal([saved.quiet_hours, saved.max_per_hour], [{ from: '22:00', to: '07:00' }, 6]);
  await page.context().close();
});

test('on a phone the page fits the screen and the save bar sits above the navigation', async () => {
  const page = await browser.newPage({ mobile: true, width: 390, height: 844, colorScheme: 'dark' });
  await openSettings(page);
  await chip(page, 'run_missed', 'notify.mobile_app_demo_tablet').click();
  await page.locator('alm-settings-save-bar').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width} px)`);
  await browser.screenshot(page, 'settings-phone-dark');
  await page.context().close();
});

test.run();
