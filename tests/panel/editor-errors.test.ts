/**
 * The editor's trust features: the API's field errors on the fields they name (live from the
 * preview and on save), a stale save answered with a reload offer instead of an overwrite, DST
 * marks in the preview; and how it looks in light, dark and at phone width.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { shownText } from '../helpers/browser.js';
import { PHONE, startSchedulesUi, unstick, type SchedulesUi } from '../helpers/schedules-ui.js';

const test = suite<{ ui: SchedulesUi }>('schedule editor: errors, conflicts, preview');

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
});

test.after(async (ctx) => {
  await ctx.ui?.close();
});

async function blank(ui: SchedulesUi, opts = {}): Promise<Page> {
  const page = await ui.open('#/schedules/new?template=blank', opts);
  await page.locator('alm-schedule-form #name').waitFor();
  return page;
}

test('an invalid cron expression shows the server’s message on the field while typing', async ({ ui }) => {
  const page = await blank(ui);
  await page.locator('alm-trigger-editor .chip[data-type=cron]').click();
  const input = page.locator('alm-trigger-cron #expression');
  await input.fill('61 * * * *');
  await page.locator('alm-trigger-cron .error', { hasText: 'Invalid value for minute: 61' }).waitFor();
  assert.is(await input.getAttribute('aria-invalid'), 'true');
  await page.locator('alm-preview-list .error', { hasText: 'Fix the marked fields' }).waitFor();
  await input.fill('*/5 * * * *');
  await page.locator('alm-trigger-cron .error').waitFor({ state: 'detached' });
  await page.context().close();
});

test('saving without a name or a target marks both fields with the API’s messages', async ({ ui }) => {
  const page = await blank(ui);
  await page.locator('alm-schedule-editor-page alm-button.save').click();
  await page.locator('alm-schedule-form .error', { hasText: 'give the schedule a name' }).waitFor();
  assert.is(await page.locator('alm-schedule-form #name').getAttribute('aria-invalid'), 'true');
  await page.locator('alm-target-picker .error', { hasText: 'choose at least one entity' }).waitFor();
  assert.match(await shownText(page.locator('alm-alert.banner')), /Some fields need attention/);
  await page.locator('alm-schedule-form #name').fill('Now named');
  await page.locator('alm-schedule-form .error', { hasText: 'give the schedule a name' }).waitFor({ state: 'detached' });
  assert.equal(await ui.list(), [], 'nothing was saved');
  await page.context().close();
});

test('a stale save is refused with an offer to reload, and the other change survives', async ({ ui }) => {
  const s = await ui.create({ name: 'Reef lights', trigger: { type: 'calendar', times: ['10:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'on' } });
  const page = await ui.open(`#/schedules/${s.id}`);
  const name = page.locator('alm-schedule-form #name');
  await name.waitFor();
  await name.fill('Reef lights (mine)');
  const behind = await ui.http.patch(`/api/schedules/${s.id}`, { version: s.version, name: 'Reef lights (theirs)' });
  assert.is(behind.status, 200, behind.text);
  await page.locator('alm-schedule-editor-page alm-button.save').click();
  const conflict = page.locator('alm-alert.conflict');
  await conflict.waitFor();
  assert.match(await shownText(conflict), /Changed somewhere else/);
  assert.is((await ui.get(s.id)).name, 'Reef lights (theirs)', 'not overwritten');
  await conflict.locator('alm-button.reload').click();
  await conflict.waitFor({ state: 'detached' });
  assert.is(await name.inputValue(), 'Reef lights (theirs)');
  await page.context().close();
});

test('the preview marks a 02:30 run moved by the spring-forward gap in Berlin', async ({ ui }) => {
  const page = await blank(ui);
  await page.locator('alm-trigger-calendar alm-time-input input').fill('02:30');
  await page.locator('alm-preview-list #from').fill('2026-03-28');
  const moved = page.locator('alm-preview-list li[data-note=dst_gap_moved]');
  await moved.waitFor();
  assert.match(await shownText(moved), /Sun, Mar 29.*3:00 AM.*Moved to 3:00 AM/);
  assert.is(await page.locator('alm-preview-list li').count(), 10);
  await page.context().close();
});

test('the editor in light and dark, with a sequence and a service call', async ({ ui }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await ui.open('#/schedules/new?template=diurnal', { colorScheme });
    await page.locator('alm-preview-list li').first().waitFor();
    await unstick(page);
    await ui.browser.screenshot(page, `editor-${colorScheme}`, { fullPage: true });
    await page.context().close();
  }
  const page = await ui.open('#/schedules/new?template=pump');
  await page.locator('alm-action-editor select').first().selectOption('sequence');
  await page.locator('alm-action-sequence li').nth(2).waitFor();
  await page.locator('alm-action-sequence alm-button.add-step').click();
  const step = page.locator('alm-action-sequence li').nth(3);
  await step.locator('select').first().selectOption('service');
  await step.locator('input[list]').fill('light.turn_on');
  await step.locator('textarea').fill('brightness_pct: [');
  await step.locator('alm-action-data .error', { hasText: 'Not valid YAML' }).waitFor();
  await step.locator('textarea').fill('brightness_pct: 40');
  await step.locator('alm-action-data .error').waitFor({ state: 'detached' });
  await unstick(page);
  await ui.browser.screenshot(page, 'editor-sequence', { fullPage: true });
  await page.context().close();
});

test('at phone width the editor fits 360 px', async ({ ui }) => {
  const page = await ui.open('#/schedules/new?template=dosing', PHONE);
  await page.locator('alm-preview-list li').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await unstick(page);
  await ui.browser.screenshot(page, 'editor-phone', { fullPage: true });
  await page.context().close();
});

test.run();
