/**
 * Device rows keep their words, in real Chromium: on a phone and on a desktop, on the Entities page
 * and on a zone of the Farm page (where each device also has its controls, role and remove button),
 * no device's name is cut and no "changed … ago" is cut mid-word; short of room a name takes a
 * second line, the time wraps and the controls go below. Screenshots in tests/artifacts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import type { ZoneDto } from '../../server/src/api/types.js';
import { assertClean, startSchedulesUi, type SchedulesUi } from '../helpers/schedules-ui.js';

const test = suite<{ ui: SchedulesUi; zone: ZoneDto }>('device rows keep their words');
const PHONE = { width: 360, height: 740, mobile: true };
const DESKTOP = { width: 1280, height: 900 };

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
  // The longest names of the simulator's devices, with the most controls (on, off, level).
  const members = [
    { entity_id: 'fan.grow_tent_exhaust', role: 'fan' },
    { entity_id: 'light.grow_shelf_1', role: 'light' },
    { entity_id: 'switch.water_pump_main', role: 'pump' },
  ];
  ctx.zone = (await ctx.ui.http.post('/api/zones', { name: 'Grow room', kind: 'room', members })).json as ZoneDto;
});
test.after(async (ctx) => ctx.ui?.close());

/**
 * For every device row: what of its name and state is cut (text wider than its box). As source
 * text: tsx compiles named functions with helpers the page does not have (see browser.ts).
 */
const CUT_TEXTS = `(() => {
  const rows = [];
  const collect = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'ALM-ENTITY-ROW') rows.push(el);
      if (el.shadowRoot) collect(el.shadowRoot);
    }
  };
  collect(document);
  const cut = [];
  for (const row of rows) {
    const root = row.shadowRoot;
    const name = root.querySelector('.name');
    for (const el of [name, ...root.querySelectorAll('.state > *')]) {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        cut.push(name.textContent.trim() + ' [' + root.querySelector('.state .value').textContent.trim() + ']: "' + el.textContent.trim() + '" needs ' + el.scrollWidth + '×' + el.scrollHeight + 'px, has ' + el.clientWidth + '×' + el.clientHeight + 'px');
      }
    }
  }
  return { rows: rows.length, cut };
})()`;

const cutTexts = (page: Page): Promise<{ rows: number; cut: string[] }> => page.evaluate(CUT_TEXTS);

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
  test(`on a ${label}, the Entities page and a zone's devices show whole names and times`, async ({ ui, zone }) => {
    for (const [hash, shot] of [['#/entities', 'entities'], [`#/farm/${zone.id}`, 'farm-zone']] as const) {
      const page = await ui.open(hash, viewport);
      await page.locator('alm-entity-row').first().waitFor();
      await page.locator('alm-entity-row', { hasText: 'ago' }).first().waitFor();
      await ui.browser.screenshot(page, `device-rows-${shot}-${label}`, { fullPage: false });
      const { rows, cut } = await cutTexts(page);
      assert.ok(rows >= 3, `${hash}: ${rows} device rows`);
      assert.equal(cut, [], `${hash} on a ${label}`);
      assertClean(ui.browser.activity(page));
      await page.context().close();
    }
  });
}

test.run();
