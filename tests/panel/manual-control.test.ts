/**
 * Manual control in real Chromium against a real Almanac (demo mode): from an entity row on the
 * Entities page (on, then a level), and from a zone on the Farm page (its lights at once); each is
 * a manual run in History with the person's action. Screenshots in tests/artifacts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { RunDto, ZoneDto } from '../../server/src/api/types.js';
import { waitFor } from '../helpers/almanac.js';
import { assertClean, startSchedulesUi, type SchedulesUi } from '../helpers/schedules-ui.js';

const test = suite<{ ui: SchedulesUi; page: Page }>('manual control');

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
  ctx.page = await ctx.ui.open('#/entities', { width: 1280, height: 900 });
});

test.after(async (ctx) => {
  await ctx.ui?.close();
});

async function manualRuns(ui: SchedulesUi): Promise<RunDto[]> {
  return (await ui.http.get('/api/runs?trigger=manual')).json.items as RunDto[];
}

test('an entity row turns a light on and sets its level; both are runs in History', async ({ ui, page }) => {
  const row = page.locator('alm-entity-list li[data-entity-id="light.grow_shelf_1"]');
  await row.locator('alm-device-control alm-button.on').click();
  await page.locator('alm-schedule-toast', { hasText: 'Grow shelf 1 light: on' }).waitFor();
  await waitFor(() => ui.almanac.sim.getState('light.grow_shelf_1')?.state === 'on', 'the light on');
  await row.locator('alm-device-control alm-icon-button.tune').click();
  await row.locator('alm-device-control #level').fill('35');
  await ui.browser.screenshot(page, 'manual-entity-row');
  await row.locator('alm-device-control alm-button.set-level').click();
  await waitFor(() => ui.almanac.sim.getState('light.grow_shelf_1')?.attributes['brightness'] === 89, 'the light at 35 %');
  const runs = await waitFor(async () => {
    const all = await manualRuns(ui);
    return all.length >= 2 && all.every((r) => r.status === 'success') ? all : null;
  }, 'two successful manual runs');
  assert.equal(runs.map((r) => r.schedule_name), ['Set to 35 % Grow shelf 1 light', 'Turn on Grow shelf 1 light']);
  assert.ok(runs.every((r) => r.schedule_id === null && r.trigger === 'manual'));
});

test('a zone switches all its lights off at once, from the Farm page', async ({ ui, page }) => {
  const created = await ui.http.post('/api/zones', { name: 'Both shelves', members: [{ entity_id: 'light.grow_shelf_1', role: 'light' }, { entity_id: 'light.grow_shelf_2', role: 'light' }] });
  const zone = created.json as ZoneDto;
  await page.evaluate((id) => (location.hash = `#/farm/${id}`), zone.id);
  const lights = page.locator('alm-zone-detail .role[data-role=light] .role-head alm-device-control');
  await lights.locator('alm-button.off').click();
  await page.locator('alm-schedule-toast', { hasText: 'Both shelves: Light: off' }).waitFor();
  await waitFor(() => ['light.grow_shelf_1', 'light.grow_shelf_2'].every((id) => ui.almanac.sim.getState(id)?.state === 'off'), 'both lights off');
  await ui.browser.screenshot(page, 'manual-zone');
  const [last] = await manualRuns(ui);
  assert.is(last!.schedule_name, 'Turn off Both shelves (light)');
  assert.equal(last!.manual?.target, { zone_id: zone.id, role: 'light' });
  assertClean(ui.browser.activity(page));
});

test.run();
