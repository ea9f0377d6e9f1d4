/**
 * Creating schedules through the editor, one of each trigger type, filled with widgets (no
 * syntax but cron), then finding them in the list; and a template that starts with a ramp.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { shownText } from '../helpers/browser.js';
import { assertClean, scheduleRow, startSchedulesUi, type SchedulesUi } from '../helpers/schedules-ui.js';

const test = suite<{ ui: SchedulesUi; page: Page }>('schedule editor: create');

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
  ctx.page = await ctx.ui.open('#/schedules');
});

test.after(async (ctx) => {
  await ctx.ui?.close();
});

const ID_IN_HASH = /#\/schedules\/[0-9a-f-]{36}$/;

/** Starts a blank schedule named `name` acting on the entity found by `search`. */
async function startBlank(page: Page, name: string, search: string): Promise<void> {
  await page.evaluate(() => (location.hash = '#/schedules/new'));
  await page.locator('alm-schedule-templates a[data-template=blank]').click();
  await page.locator('alm-schedule-form #name').fill(name);
  const combo = page.locator('alm-target-picker input[role=combobox]');
  await combo.fill(search);
  await page.locator('alm-target-picker [role=option]').first().waitFor();
  await combo.press('Enter');
}

/** Saves and returns the new schedule's id from the URL the editor moves to. */
async function save(page: Page): Promise<string> {
  await page.locator('alm-schedule-editor-page alm-button.save').click();
  await page.waitForFunction((re) => new RegExp(re).test(location.hash), ID_IN_HASH.source);
  await page.locator('alm-schedule-toast', { hasText: 'Saved' }).waitFor();
  return (await page.evaluate(() => location.hash)).split('/').pop()!;
}

const triggerType = (page: Page, type: string) => page.locator(`alm-trigger-editor .chip[data-type=${type}]`).click();

test('a calendar schedule on weekdays at 07:15', async ({ ui, page }) => {
  await startBlank(page, 'Weekday lights', 'shelf 1 light');
  await page.locator('alm-trigger-calendar .chip[data-mode=weekdays]').click();
  await page.locator('alm-trigger-calendar alm-time-input input').fill('07:15');
  const id = await save(page);
  const s = await ui.get(id);
  assert.equal(s.trigger, { type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] });
  assert.equal(s.target, { entity_id: ['light.grow_shelf_1'] });
  assert.match(await shownText(page.locator('alm-schedule-form .meaning')), /weekday.*07:15/i);
});

test('an interval schedule every 15 minutes', async ({ ui, page }) => {
  await startBlank(page, 'Pump pulse', 'shelf 1 pump');
  await triggerType(page, 'interval');
  const every = page.locator('alm-trigger-interval alm-duration-input');
  await every.locator('select').selectOption('minutes');
  await every.locator('input').fill('15');
  const id = await save(page);
  assert.equal((await ui.get(id)).trigger, { type: 'interval', every_seconds: 900 });
});

test('a cron schedule from a preset, explained in words', async ({ ui, page }) => {
  await startBlank(page, 'Weekday report', 'morning routine');
  await triggerType(page, 'cron');
  await page.locator('alm-trigger-cron .chip', { hasText: 'Weekdays 09:00' }).click();
  assert.match(await shownText(page.locator('alm-trigger-cron .meaning')), /09:00.*Monday through Friday/);
  await page.locator('alm-action-editor select').first().selectOption('script');
  const id = await save(page);
  const s = await ui.get(id);
  assert.equal(s.trigger, { type: 'cron', expression: '0 9 * * 1-5' });
  assert.is(s.action.type, 'script');
});

test('a sun schedule 30 minutes before sunrise', async ({ ui, page }) => {
  await startBlank(page, 'Dawn fan', 'exhaust');
  await triggerType(page, 'sun');
  await page.locator('alm-trigger-sun #event').selectOption('sunrise');
  await page.locator('alm-trigger-sun #minutes').fill('30');
  await page.locator('alm-trigger-sun #direction').selectOption('before');
  await page.locator('alm-preview-list li').first().waitFor();
  const id = await save(page);
  assert.equal((await ui.get(id)).trigger, { type: 'sun', event: 'sunrise', offset: -1800 });
});

test('a one-off schedule at a date and time', async ({ ui, page }) => {
  await startBlank(page, 'Harvest day', 'sprinkler');
  await triggerType(page, 'once');
  await page.locator('alm-trigger-once #date').fill('2027-05-01');
  await page.locator('alm-trigger-once alm-time-input input').fill('06:30');
  const id = await save(page);
  const s = await ui.get(id);
  assert.is(s.trigger.type, 'once');
  assert.is(s.next_run_at, '2027-05-01T04:30:00.000Z', '06:30 in Berlin summer time');
});

test('the list shows all five, one per trigger type', async ({ ui, page }) => {
  await page.evaluate(() => (location.hash = '#/schedules'));
  for (const name of ['Weekday lights', 'Pump pulse', 'Weekday report', 'Dawn fan', 'Harvest day']) await scheduleRow(page, name).waitFor();
  assert.equal(new Set((await ui.list()).map((s) => s.trigger.type)), new Set(['calendar', 'interval', 'cron', 'sun', 'once']));
  assertClean(ui.browser.activity(page));
});

test('areas and labels are found by name, shown as named pills, and saved by id', async ({ ui, page }) => {
  await page.evaluate(() => (location.hash = '#/schedules/new'));
  await page.locator('alm-schedule-templates a[data-template=blank]').click();
  await page.locator('alm-schedule-form #name').fill('Grow room lights');
  const picker = page.locator('alm-target-picker').first();
  const combo = picker.locator('input[role=combobox]');
  await combo.fill('grow room');
  const first = picker.locator('[role=option]').first();
  assert.is(await first.getAttribute('data-kind'), 'area', 'the area comes before entities named after it');
  assert.match(await shownText(first), /Grow room Area · Basement · 8 entities/);
  await combo.press('Enter');
  await combo.fill('lights');
  await picker.locator('[role=option][data-kind=label][data-id=lighting]').click();
  assert.match(await shownText(picker.locator('.pill[data-kind=area]')), /Grow room Area/);
  assert.match(await shownText(picker.locator('.pill[data-kind=label]')), /Lights Label/);
  await combo.fill('reef');
  await picker.locator('[role=option][data-kind=area][data-id=reef_tank]').waitFor();
  await combo.scrollIntoViewIfNeeded();
  await ui.browser.screenshot(page, 'editor-target-area');
  await combo.press('Escape');
  await combo.fill('');
  const id = await save(page);
  assert.equal((await ui.get(id)).target, { area_id: ['grow_room'], label_id: ['lighting'] });
  await page.reload();
  await picker.locator('.pill[data-kind=area]', { hasText: 'Grow room' }).waitFor();
});

test('the diurnal template starts with a sunrise ramp, a 12 h window and a sunset ramp', async ({ ui, page }) => {
  await page.evaluate(() => (location.hash = '#/schedules/new'));
  await page.locator('alm-schedule-templates a[data-template=diurnal]').click();
  await page.locator('alm-action-ramp-curve').nth(1).waitFor();
  assert.is(await page.locator('alm-action-ramp-curve').count(), 2, 'both ramps drawn');
  const combo = page.locator('alm-target-picker input[role=combobox]').first();
  await combo.fill('shelf 2');
  await combo.press('Enter');
  const id = await save(page);
  const s = await ui.get(id);
  assert.equal(s.action, { type: 'ramp', from: 0, to: 100, duration_seconds: 1800 });
  assert.equal(s.end_action, { type: 'ramp', from: 100, to: 0, duration_seconds: 1800 });
  assert.is(s.duration_seconds, 12 * 3600);
});

test.run();
