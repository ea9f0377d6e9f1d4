/**
 * The Schedules page in real Chromium against the real server and HA simulator, through the
 * Ingress stand-in: what each row says, run now, pause and resume, enable/disable, delete with
 * undo, filters, live updates, dark mode and phone width.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from '../helpers/almanac.js';
import { shownText, shownTextMatching } from '../helpers/browser.js';
import { assertClean, PHONE, scheduleRow, startSchedulesUi, waitForSchedule, type SchedulesUi } from '../helpers/schedules-ui.js';

const test = suite<{ ui: SchedulesUi }>('schedules page');

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
  const { ui } = ctx;
  await ui.create({
    name: 'Shelf 1 lights',
    trigger: { type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] },
    target: { entity_id: ['light.grow_shelf_1'] },
    action: { type: 'on' },
    tags: ['grow'],
  });
  await ui.create({
    name: 'Reef dusk',
    trigger: { type: 'sun', event: 'sunset', offset: 1800 },
    target: { entity_id: ['light.grow_shelf_2'] },
    action: { type: 'ramp', from: 100, to: 0, duration_seconds: 1800 },
    tags: ['reef'],
  });
  const pump = await ui.create({
    name: 'Pump pulse',
    trigger: { type: 'interval', every_seconds: 900 },
    target: { entity_id: ['switch.shelf_1_pump'] },
    action: { type: 'on' },
    duration_seconds: 60,
    tags: ['grow', 'watering'],
  });
  await ui.http.post(`/api/schedules/${pump.id}/disable`);
});

test.after(async (ctx) => {
  await ctx.ui?.close();
});

test('each row shows the name, the plain-language when, the target by name, state and next run', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  const row = scheduleRow(page, 'Shelf 1 lights');
  await row.waitFor();
  const text = await shownText(row);
  assert.match(text, /weekday/i);
  assert.match(text, /Grow shelf 1 light/);
  assert.match(text, /Enabled/);
  assert.match(text, /Next (in|tomorrow)/);
  assert.match(text, /Never ran/);
  assert.match(await shownText(scheduleRow(page, 'Pump pulse')), /Disabled/);
  assert.match(await shownText(scheduleRow(page, 'Reef dusk')), /sunset/i);
  await ui.browser.screenshot(page, 'schedules-light', { fullPage: true });
  assertClean(ui.browser.activity(page));
  await page.context().close();
});

test('dark mode uses HA dark tokens', async ({ ui }) => {
  const page = await ui.open('#/schedules', { colorScheme: 'dark' });
  await scheduleRow(page, 'Shelf 1 lights').waitFor();
  const background = await page.locator('alm-schedules-page alm-card').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.is(background, 'rgb(28, 28, 28)');
  await ui.browser.screenshot(page, 'schedules-dark', { fullPage: true });
  await page.context().close();
});

test('run now switches the entity in HA, and the last result updates without a reload', async ({ ui }) => {
  assert.is(ui.almanac.sim.getState('light.grow_shelf_1')?.state, 'off');
  const page = await ui.open('#/schedules');
  const row = scheduleRow(page, 'Shelf 1 lights');
  await row.locator('alm-icon-button.run').click();
  await waitFor(() => ui.almanac.sim.getState('light.grow_shelf_1')?.state === 'on', 'the light to turn on in HA');
  await row.locator('.last-status', { hasText: 'Succeeded' }).waitFor();
  await page.locator('alm-schedule-toast', { hasText: 'is running now' }).waitFor();
  await page.context().close();
});

test('pause with a note shows until when and why, and resume clears it', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  const row = scheduleRow(page, 'Reef dusk');
  await row.locator('alm-schedule-menu alm-icon-button').click();
  await row.locator('[role=menuitem][data-id=pause]').click();
  const dialog = page.locator('alm-schedule-pause-dialog dialog');
  await dialog.locator('[data-choice="1w"]').click();
  await dialog.locator('#note').fill('Tank maintenance');
  await ui.browser.screenshot(page, 'schedules-pause-dialog');
  await dialog.locator('alm-button.confirm').click();
  await row.locator('alm-schedule-state-chip', { hasText: 'Paused until' }).waitFor();
  assert.match(await shownText(row.locator('alm-schedule-state-chip')), /Tank maintenance/);
  const [paused] = (await ui.list()).filter((s) => s.name === 'Reef dusk');
  assert.is(paused?.state, 'paused');
  assert.is(paused?.pause_note, 'Tank maintenance');
  assert.ok(paused?.paused_until && Date.parse(paused.paused_until) > Date.now() + 6 * 86_400_000, 'paused for about a week');

  await row.locator('alm-schedule-menu alm-icon-button').click();
  await row.locator('[role=menuitem][data-id=resume]').click();
  await row.locator('alm-schedule-state-chip[state=enabled]').waitFor();
  assert.not.match(await shownText(row), /Tank maintenance/);
  await page.context().close();
});

test('the switch disables and enables a schedule', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  const row = scheduleRow(page, 'Pump pulse');
  const toggle = row.locator('input[role=switch]');
  assert.is(await toggle.isChecked(), false);
  await toggle.click();
  await row.locator('alm-schedule-state-chip[state=enabled]').waitFor();
  const id = (await ui.list()).find((s) => s.name === 'Pump pulse')!.id;
  await waitForSchedule(ui, id, (s) => s.enabled, 'enabled');
  await toggle.click();
  await row.locator('alm-schedule-state-chip[state=disabled]').waitFor();
  await waitForSchedule(ui, id, (s) => !s.enabled, 'disabled again');
  await page.context().close();
});

test('search and tag filter narrow the list and live in the URL', async ({ ui }) => {
  const page = await ui.open('#/schedules?tag=grow');
  await scheduleRow(page, 'Pump pulse').waitFor();
  assert.is(await scheduleRow(page, 'Reef dusk').count(), 0);
  await page.locator('alm-schedule-filters alm-search-input input').fill('pump');
  await page.waitForFunction(() => location.hash.includes('q=pump'));
  // The URL changes as you type; the list follows with the answer, and its count after it.
  await shownTextMatching(page.locator('alm-schedules-page .count'), /^1 of \d+/);
  assert.is(await page.locator('alm-schedule-row').count(), 1);
  await page.locator('alm-schedule-filters select#group').selectOption('tag');
  await page.locator('alm-schedule-list h3', { hasText: 'watering' }).waitFor();
  await page.context().close();
});

test('group by area puts schedules under the areas of their entities and named areas, by name', async ({ ui }) => {
  const reef = await ui.create({
    name: 'Reef moonlight',
    trigger: { type: 'calendar', times: ['22:00'] },
    target: { area_id: ['reef_tank'], label_id: ['lighting'] },
    action: { type: 'set_level', percent: 5 },
  });
  const vacation = await ui.create({ name: 'Vacation check', trigger: { type: 'calendar', times: ['08:00'] }, target: { entity_id: ['input_boolean.vacation_mode'] }, action: { type: 'on' } });
  const page = await ui.open('#/schedules?group=area');
  const headings = page.locator('alm-schedule-list h3');
  await headings.first().waitFor();
  assert.equal(await headings.allTextContents(), ['Grow room', 'Reef tank', 'No area']);
  const grow = page.locator('alm-schedule-list section[data-group=grow_room]');
  for (const name of ['Shelf 1 lights', 'Reef dusk', 'Pump pulse']) await scheduleRow(grow, name).waitFor();
  const tank = page.locator('alm-schedule-list section[data-group=reef_tank]');
  await shownTextMatching(scheduleRow(tank, 'Reef moonlight'), /Reef tank, Lights/);
  await scheduleRow(page.locator('alm-schedule-list section[data-group=""]'), 'Vacation check').waitFor();
  await ui.browser.screenshot(page, 'schedules-by-area', { fullPage: true });
  assertClean(ui.browser.activity(page));
  await page.context().close();
  await ui.http.delete(`/api/schedules/${reef.id}`);
  await ui.http.delete(`/api/schedules/${vacation.id}`);
});

test('a schedule created elsewhere appears live, and deleting offers undo', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  await scheduleRow(page, 'Shelf 1 lights').waitFor();
  const created = await ui.create({ name: 'Fan breeze', trigger: { type: 'cron', expression: '*/30 * * * *' }, target: { entity_id: ['fan.grow_tent_exhaust'] }, action: { type: 'on' } });
  const row = scheduleRow(page, 'Fan breeze');
  await row.waitFor();

  await row.locator('alm-schedule-menu alm-icon-button').click();
  await row.locator('[role=menuitem][data-id=delete]').click();
  await row.waitFor({ state: 'detached' });
  const toast = page.locator('alm-schedule-toast');
  assert.match(await shownText(toast), /“Fan breeze” deleted/);
  await toast.locator('alm-button.action').click();
  await row.waitFor();
  assert.is((await ui.get(created.id)).name, 'Fan breeze', 'undo keeps it on the server');

  await row.locator('alm-schedule-menu alm-icon-button').click();
  await row.locator('[role=menuitem][data-id=delete]').click();
  await toast.locator('alm-icon-button').click();
  await waitFor(async () => (await ui.http.get(`/api/schedules/${created.id}`)).status === 404, 'the delete to reach the server');
  await page.context().close();
});

test('the row menu works from the keyboard alone', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  const row = scheduleRow(page, 'Reef dusk');
  await row.locator('alm-schedule-menu alm-icon-button button').focus();
  await page.keyboard.press('Enter');
  await row.locator('[role=menuitem][data-id=edit]:focus').waitFor();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  assert.is(await row.locator('[role=menuitem]:focus').getAttribute('data-id'), 'history');
  await page.keyboard.press('Escape');
  await row.locator('[role=menu]').waitFor({ state: 'detached' });
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/history?schedule_id='));
  await page.context().close();
});

test('duplicate opens an unsaved, disabled copy in the editor', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  const row = scheduleRow(page, 'Shelf 1 lights');
  await row.locator('alm-schedule-menu alm-icon-button').click();
  await row.locator('[role=menuitem][data-id=duplicate]').click();
  const name = page.locator('alm-schedule-form #name');
  await name.waitFor();
  assert.is(await name.inputValue(), 'Copy of Shelf 1 lights');
  assert.is(await page.locator('alm-schedule-form input[type=checkbox]').first().isChecked(), false, 'a copy does not run until enabled');
  assert.is((await ui.list()).filter((s) => s.name.startsWith('Copy of')).length, 0, 'nothing saved yet');
  await page.locator('alm-schedule-save-bar alm-button.save').click();
  await page.waitForFunction(() => /#\/schedules\/[0-9a-f-]{36}$/.test(location.hash));
  const copy = (await ui.list()).find((s) => s.name === 'Copy of Shelf 1 lights');
  assert.ok(copy && !copy.enabled);
  assert.equal(copy.trigger, { type: 'calendar', times: ['07:15'], weekdays: [1, 2, 3, 4, 5] });
  await ui.http.delete(`/api/schedules/${copy.id}`);
  await page.context().close();
});

test('at phone width the rows fit 360 px without sideways scrolling', async ({ ui }) => {
  const page = await ui.open('#/schedules', PHONE);
  await scheduleRow(page, 'Shelf 1 lights').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await ui.browser.screenshot(page, 'schedules-phone', { fullPage: true });
  await page.context().close();
});

test.run();
