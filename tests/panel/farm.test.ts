/**
 * The farm in real Chromium, end to end through the Ingress stand-in against a real Almanac (demo
 * mode): create a zone from an HA area, make a shelf inside it and assign devices by dragging and
 * by picking, write a recipe, start a grow that began last week, and find the grow and its phase
 * change on the timeline filtered to the zone. Screenshots in tests/artifacts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { GrowDto, ZoneDto } from '../../server/src/api/types.js';
import { waitFor } from '../helpers/almanac.js';
import { shownText, shownTextMatching } from '../helpers/browser.js';
import { assertClean, PHONE, startSchedulesUi, type SchedulesUi } from '../helpers/schedules-ui.js';

const test = suite<{ ui: SchedulesUi; page: Page }>('farm');

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
  await waitFor(() => ctx.ui.almanac.almanac.ha.registryLoaded('area'), 'HA’s areas');
  ctx.page = await ctx.ui.open('#/farm', { width: 1280, height: 900 });
});

test.after(async (ctx) => {
  await ctx.ui?.close();
});

const zones = async (ui: SchedulesUi): Promise<ZoneDto[]> => (await ui.http.get('/api/zones')).json.items as ZoneDto[];
const zoneNamed = async (ui: SchedulesUi, name: string): Promise<ZoneDto> => (await zones(ui)).find((z) => z.name === name)!;

/** "YYYY-MM-DD" `days` before today in Berlin (the demo's zone). */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() - days * 86_400_000));
}

test('a zone from an HA area, in one step, with guessed roles', async ({ ui, page }) => {
  await page.locator('alm-farm-page p.empty').first().waitFor();
  await page.locator('alm-farm-page alm-button.from-areas').first().click();
  const dialog = page.locator('alm-areas-dialog dialog');
  await dialog.waitFor();
  await dialog.locator('fieldset[data-area-id=garden] legend input').uncheck();
  await dialog.locator('fieldset[data-area-id=reef_tank] legend input').uncheck();
  const pump = dialog.locator('li[data-entity-id="switch.water_pump_main"] select');
  assert.is(await pump.inputValue(), 'pump', 'a pump is guessed from its name');
  await ui.browser.screenshot(page, 'farm-areas-dialog');
  await dialog.locator('alm-button.create').click();
  await page.locator('alm-zone-detail h3', { hasText: 'Grow room' }).waitFor();
  const room = await zoneNamed(ui, 'Grow room');
  assert.equal([room.kind, room.area_id, room.members.length], ['room', 'grow_room', 8]);
});

test('a shelf inside the room; devices assigned by dragging and by picking', async ({ ui, page }) => {
  await page.locator('alm-zone-detail alm-icon-button.add-child').click();
  const dialog = page.locator('alm-zone-dialog dialog');
  await dialog.locator('#name').fill('Shelf 1');
  await dialog.locator('#lock').fill('water-main');
  await dialog.locator('alm-button.save').click();
  await page.locator('alm-zone-detail h3', { hasText: 'Shelf 1' }).waitFor();
  // Drag the shelf's light from the room onto the shelf in the tree.
  await page.locator('alm-zone-tree li', { hasText: 'Grow room' }).locator('button').click();
  const grip = page.locator('alm-zone-detail li[data-entity-id="light.grow_shelf_1"] alm-zone-member .grip');
  await grip.dragTo(page.locator('alm-zone-tree li', { hasText: 'Shelf 1' }).locator('button'));
  await waitFor(async () => (await zoneNamed(ui, 'Shelf 1')).members.some((m) => m.entity_id === 'light.grow_shelf_1'), 'the light on the shelf');
  // Take the shelf pump out of the room, then pick it for the shelf from the free devices.
  await page.locator('alm-zone-detail li[data-entity-id="switch.shelf_1_pump"] alm-zone-member > alm-icon-button.remove').click();
  await page.locator('alm-unassigned-list li[data-entity-id="switch.shelf_1_pump"]').waitFor();
  await page.locator('alm-zone-tree li', { hasText: 'Shelf 1' }).locator('button').click();
  await page.locator('alm-unassigned-list li[data-entity-id="switch.shelf_1_pump"] button.add').click();
  await page.locator('alm-zone-detail li[data-entity-id="switch.shelf_1_pump"]').waitFor();
  const shelf = await zoneNamed(ui, 'Shelf 1');
  assert.equal(shelf.members, [{ entity_id: 'light.grow_shelf_1', role: 'light' }, { entity_id: 'switch.shelf_1_pump', role: 'pump' }]);
  assert.equal([shelf.path, shelf.water_lock], [['Grow room', 'Shelf 1'], 'water-main']);
  assert.match(await shownText(page.locator('alm-zone-detail')), /Grow shelf 1 light.*Shelf 1 pump/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await ui.browser.screenshot(page, 'farm-shelf');
});

test('a recipe written in the editor, with a mini timeline per phase', async ({ ui, page }) => {
  await page.evaluate(() => (location.hash = '#/grows/recipes/new'));
  const editor = page.locator('alm-recipe-editor-page');
  await editor.locator('#recipe-name').fill('Shelf basil');
  const first = editor.locator('alm-recipe-phase').nth(0);
  await first.locator('#days').fill('10');
  await first.locator('input.has-watering').check();
  await editor.locator('alm-button.add-phase').click();
  const second = editor.locator('alm-recipe-phase').nth(1);
  await second.locator('#name').fill('Growth');
  await second.locator('#days').fill('20');
  await second.locator('#intensity').fill('90');
  await editor.locator('alm-button.save').click();
  await editor.locator('alm-alert', { hasText: 'Saved as version 1' }).waitFor();
  const recipes = (await ui.http.get('/api/recipes')).json.items as { name: string; total_days: number; phases: { watering?: unknown }[] }[];
  const basil = recipes.find((r) => r.name === 'Shelf basil')!;
  assert.equal([basil.total_days, !!basil.phases[0]!.watering, !!basil.phases[1]!.watering], [30, true, false]);
  await editor.locator('alm-day-strip').nth(1).waitFor();
  assert.is(await editor.locator('alm-day-strip').count(), 2);
  await ui.browser.screenshot(page, 'farm-recipe-editor');
  // Field errors come back by field.
  await first.locator('#photoperiod').fill('25');
  await editor.locator('alm-button.save').click();
  await first.locator('p.error', { hasText: 'at most 24 hours' }).waitFor();
});

test('a grow started last week: "day 9 of 30", on the zone, and its phase change on the zone’s timeline', async ({ ui, page }) => {
  await page.evaluate(() => (location.hash = '#/grows'));
  await page.locator('alm-grows-page alm-button.start-grow').click();
  const dialog = page.locator('alm-grow-dialog dialog');
  const shelf = await zoneNamed(ui, 'Shelf 1');
  await dialog.locator('#zone').selectOption(shelf.id);
  await dialog.locator('#recipe').selectOption({ label: 'Shelf basil (30 days)' });
  await dialog.locator('#start').fill(daysAgo(8));
  await dialog.locator('alm-button.start').click();
  const card = page.locator('alm-grow-card').first();
  await card.locator('p.day', { hasText: 'Day 9 of 30' }).waitFor();
  assert.match(await shownText(card), /Seedling, day 9 of 10.*Next: Growth on/);
  const grows = (await ui.http.get('/api/grows')).json.items as GrowDto[];
  assert.equal([grows[0]!.status, grows[0]!.day, grows[0]!.phase?.name], ['active', 9, 'Seedling']);
  await page.evaluate(() => window.scrollTo(0, 0));
  await ui.browser.screenshot(page, 'farm-grows');
  await card.locator('a.timeline-link').click();
  await page.locator('alm-timeline-page[data-rendered]').waitFor();
  assert.match(await shownText(page.locator('alm-timeline-page .zone-filter')), /Only zone Shelf 1/);
  const labels = await Promise.all((await page.locator('alm-timeline-lane-label').all()).map((l) => shownText(l)));
  assert.ok(labels.some((l) => /Grow shelf 1 light/.test(l)), `the shelf light has a lane: ${labels.join(' | ')}`);
  assert.not.ok(labels.some((l) => /Reef/.test(l)), 'other zones are left out');
  const marker = page.locator('alm-timeline-chart .marker', { hasText: 'Shelf 1: Growth' });
  await marker.waitFor();
  await ui.browser.screenshot(page, 'farm-timeline-zone');
  // The one refused request is the recipe saved with a 25-hour day above.
  assertClean(ui.browser.activity(page), [/status of 400/, /HTTP 400 .*\/api\/recipes\//]);
});

test('on a phone the farm and the grows fit 360 px', async ({ ui }) => {
  const shelf = await zoneNamed(ui, 'Shelf 1');
  const phone = await ui.open(`#/farm/${shelf.id}`, PHONE);
  await phone.locator('alm-zone-detail h3', { hasText: 'Shelf 1' }).waitFor();
  // The grow's next phase is scheduled already: its schedules say from when.
  await shownTextMatching(phone.locator('alm-zone-detail li.schedule', { hasText: 'Growth' }).first(), /· from (Mon|Tue|Wed|Thu|Fri|Sat|Sun), /);
  assert.not.match(await shownText(phone.locator('alm-zone-detail li.schedule', { hasText: 'Seedling' }).first()), /from/, 'the phase of today');
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling on the Farm page');
  await ui.browser.screenshot(phone, 'farm-phone');
  await phone.evaluate(() => (location.hash = '#/grows'));
  await phone.locator('alm-grow-card p.day').first().waitFor();
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling on the Grows page');
  await ui.browser.screenshot(phone, 'grows-phone');
});

test.run();
