/**
 * Floors in the target picker, as HA's own picker offers them: a floor reaches every area on it
 * (the demo's basement is the grow room), areas name their floor, and a schedule saved on a floor
 * keeps the floor's id and shows its name in the list.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shownText, shownTextMatching } from '../helpers/browser.js';
import { assertClean, scheduleRow, startSchedulesUi } from '../helpers/schedules-ui.js';

test('a floor is found by name, shown as a floor pill, saved by id and named in the list', async () => {
  const ui = await startSchedulesUi();
  try {
    const page = await ui.open('#/schedules/new?template=blank');
    await page.locator('alm-schedule-form #name').fill('Basement night');
    const picker = page.locator('alm-target-picker').first();
    const combo = picker.locator('input[role=combobox]');
    await combo.fill('base');
    const first = picker.locator('[role=option]').first();
    await first.waitFor();
    assert.is(await first.getAttribute('data-kind'), 'floor');
    assert.match(await shownText(first), /Basement Floor · 8 entities/);
    await combo.fill('floor');
    await picker.locator('[role=option][data-kind=floor][data-id=ground_floor]').waitFor();
    await combo.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ui.browser.screenshot(page, 'editor-target-floor');
    await combo.fill('base');
    await combo.press('Enter');
    assert.match(await shownText(picker.locator('.pill[data-kind=floor]')), /Basement Floor/);
    await page.locator('alm-schedule-editor-page alm-button.save').click();
    await page.locator('alm-schedule-toast', { hasText: 'Saved' }).waitFor();
    const saved = (await ui.list()).find((s) => s.name === 'Basement night')!;
    assert.equal(saved.target, { floor_id: ['basement'] });
    const list = await ui.open('#/schedules');
    const row = scheduleRow(list, 'Basement night');
    await row.waitFor();
    await shownTextMatching(row, /Basement/, 'the floor by its name');
    assertClean(ui.browser.activity(page));
  } finally {
    await ui.close();
  }
});

test.run();
