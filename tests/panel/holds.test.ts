/**
 * Manual holds and the audit log in real Chromium through the simulated Ingress prefix, against a
 * real Almanac and its HA simulator: hold a light from its entity row, see the badge with the time
 * left there, on the schedule's row and on its timeline lane, end it, and find the restore run in
 * History; then read the audit log and restore a schedule's earlier version from it. Screenshots
 * in tests/artifacts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ScheduleDto } from '../../server/src/api/types.js';
import { waitFor } from '../helpers/almanac.js';
import { ensurePanelBuilt, shownText, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;
let light: ScheduleDto;
const LIGHT = 'light.grow_shelf_1';

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  // The shelf light's window is open around the clock: whatever the hour, it should be on.
  light = await createSchedule(server, {
    name: 'Shelf 1 light', trigger: { type: 'cron', expression: '0 0 * * *' }, timezone: 'UTC', target: { entity_id: [LIGHT] }, action: { type: 'on' }, duration_seconds: 86_399,
  });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

const row = (page: Page) => page.locator(`alm-entity-row`).filter({ has: page.locator(`text=${'Grow shelf 1 light'}`) }).first();

async function pickHold(page: Page, menu: ReturnType<Page['locator']>, item: string): Promise<void> {
  await menu.locator('alm-icon-button').click();
  await menu.locator(`button[data-id="${item}"]`).click();
}

test('hold a light from its entity row, see the badge everywhere, end it, and find the restore run in History', async () => {
  const page = await browser.newPage();
  await page.goto(server.url('#/entities'));
  await row(page).waitFor();
  await pickHold(page, row(page).locator('alm-schedule-menu'), 'hold:hour');
  const badge = row(page).locator('alm-hold-badge');
  await badge.waitFor();
  const shown = await shownText(badge);
  assert.ok(/Held · (59m|1h) left/.test(shown), shown);
  assert.match(await shownText(page.locator('alm-schedule-toast')), /Grow shelf 1 light: held until/);
  await browser.screenshot(page, 'holds-entity-row');
  const [hold] = (await server.api.get('/api/overrides?active=true')).json.items;
  assert.equal([hold.entity_ids, hold.user.name, hold.source], [[LIGHT], 'Green Thumb', 'person']);

  // Someone switches the held light off in HA: the schedule leaves it alone while the hold lasts.
  await server.almanac.sim.callAs(null, 'light.turn_off', { entity_id: LIGHT });
  await waitFor(() => server.almanac.sim.getState(LIGHT)?.state === 'off', 'the light off');

  await page.goto(server.url('#/schedules'));
  const scheduleRow = page.locator(`li[data-schedule-id="${light.id}"] alm-schedule-row`);
  await scheduleRow.locator('alm-hold-badge').waitFor();
  assert.match(await shownText(scheduleRow.locator('alm-hold-badge')), /Held · /);
  await browser.screenshot(page, 'holds-schedule-row');

  await page.goto(server.url('#/timeline'));
  const lane = page.locator(`alm-timeline-lane-label alm-hold-badge`).first();
  await lane.waitFor();
  await browser.screenshot(page, 'holds-timeline-lane');

  await page.goto(server.url('#/entities'));
  await row(page).locator('alm-hold-badge').waitFor();
  await pickHold(page, row(page).locator('alm-schedule-menu'), 'hold:end');
  await row(page).locator('alm-hold-badge').waitFor({ state: 'detached' });
  assert.match(await shownText(page.locator('alm-schedule-toast')), /Hold ended on Grow shelf 1 light: back to schedule/);
  await waitFor(() => server.almanac.sim.getState(LIGHT)?.state === 'on', 'the light back on, as its window wants');

  await page.goto(server.url(`#/history?schedule_id=${light.id}&trigger=restore`));
  const restore = page.locator('alm-run-row').first();
  await restore.waitFor();
  assert.match(await shownText(restore), /Restore/);
  await restore.locator('button.summary').click();
  assert.match(await shownText(restore), /the hold on Grow shelf 1 light ended/);
  await browser.screenshot(page, 'holds-restore-run');
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test('the audit log lists the hold and its end by the person, and restores an earlier version of a schedule', async () => {
  const renamed = await server.api.patch(`/api/schedules/${light.id}`, { version: (await server.api.get(`/api/schedules/${light.id}`)).json.version, name: 'Shelf 1 light (typo)' });
  assert.is(renamed.status, 200, renamed.text);
  const page = await browser.newPage();
  await page.goto(server.url('#/audit'));
  const rows = page.locator('alm-audit-row');
  await rows.first().waitFor();
  const log = page.locator('alm-audit-page');
  await waitFor(async () => /Green Thumb\s+ended\s+Hold\s+Grow shelf 1 light/.test(await shownText(log)), 'the end of the hold listed');
  assert.match(await shownText(log), /Green Thumb\s+created\s+Hold\s+Grow shelf 1 light/);

  await page.goto(server.url(`#/audit?subject=schedule&subject_id=${light.id}`));
  const edit = page.locator('alm-audit-row').first();
  await edit.waitFor();
  assert.match(await shownText(edit), /edited\s+Schedule\s+Shelf 1 light \(typo\)/);
  await edit.locator('button.summary').click();
  const nameChange = edit.locator('alm-audit-diff tr[data-path="name"]');
  assert.match(await shownText(nameChange), /Shelf 1 light\s+Shelf 1 light \(typo\)/);
  await browser.screenshot(page, 'audit-diff');
  await edit.locator('.restore-start').click();
  await edit.locator('.restore-confirm').click();
  await page.locator('alm-alert.notice').waitFor();
  assert.match(await shownText(page.locator('alm-alert.notice')), /was restored/);
  assert.is((await server.api.get(`/api/schedules/${light.id}`)).json.name, 'Shelf 1 light');
  await waitFor(async () => /restored/.test(await shownText(page.locator('alm-audit-row').first())), 'the restore entry listed');
  await browser.screenshot(page, 'audit-restored');

  await page.goto(server.url('#/audit?user=Green%20Thumb&subject=override'));
  await page.locator('alm-audit-row').first().waitFor();
  const shown = (await shownText(log)).split(/(?=Green Thumb|ingress)/).filter((line) => /ago/.test(line));
  assert.ok(shown.length >= 2 && shown.every((line) => /^Green Thumb .*Hold/.test(line)), shown.join(' | '));
  assert.equal(browser.activity(page).errors, []);
  await page.context().close();
});

test.run();
