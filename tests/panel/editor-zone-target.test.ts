/**
 * A schedule on a zone's device by role, made in the editor: the target picker offers a zone's
 * roles (its own devices, or the nearest zone above that has that role), the pill says which, and
 * the saved target is `{zone_id, role}`, resolved when each run starts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ZoneDto } from '../../server/src/api/types.js';
import { shownText, shownTextMatching } from '../helpers/browser.js';
import { scheduleRow, startSchedulesUi } from '../helpers/schedules-ui.js';

test('the picker offers a shelf’s pump from the room above, and the schedule saves a zone target', async () => {
  const ui = await startSchedulesUi();
  try {
    const room = (await ui.http.post('/api/zones', { name: 'Grow room', kind: 'room', members: [{ entity_id: 'switch.water_pump_main', role: 'pump' }] })).json as ZoneDto;
    const shelf = (await ui.http.post('/api/zones', { name: 'Shelf 3', kind: 'shelf', parent_id: room.id, members: [{ entity_id: 'light.grow_shelf_2', role: 'light' }] })).json as ZoneDto;
    const page = await ui.open('#/schedules/new');
    await page.locator('alm-schedule-templates a[data-template=blank]').click();
    await page.locator('alm-schedule-form #name').fill('Shelf 3 watering');
    const combo = page.locator('alm-target-picker input[role=combobox]');
    await combo.fill('shelf 3 pump');
    const option = page.locator('alm-target-picker [role=option][data-kind=zone]').first();
    await option.waitFor();
    assert.match(await shownText(option), /Shelf 3 · Pump.*Zone · from Grow room: Main water pump/);
    await option.click();
    assert.match(await shownText(page.locator('alm-target-picker .pill[data-kind=zone]')), /Shelf 3 · Pump/);
    await ui.browser.screenshot(page, 'editor-zone-target');
    await page.locator('alm-schedule-editor-page alm-button.save').click();
    await page.locator('alm-schedule-toast', { hasText: 'Saved' }).waitFor();
    const id = (await page.evaluate(() => location.hash)).split('/').pop()!;
    assert.equal((await ui.get(id)).target, { zone_id: shelf.id, role: 'pump' });
    await page.evaluate(() => (location.hash = '#/schedules'));
    await shownTextMatching(scheduleRow(page, 'Shelf 3 watering'), /Shelf 3 · Pump/);
  } finally {
    await ui.close();
  }
});

test.run();
