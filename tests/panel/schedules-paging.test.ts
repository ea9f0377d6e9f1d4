/**
 * The Schedules page with many schedules, in real Chromium: a page of 40 at first, more as the
 * list is scrolled, search and filters answered by the server, counts in the header and in the
 * filter options, and a live change that only touches what is loaded.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shownText } from '../helpers/browser.js';
import { assertClean, scheduleRow, startSchedulesUi, type SchedulesUi } from '../helpers/schedules-ui.js';
import { manySchedules } from './timeline-fixtures.js';

const test = suite<{ ui: SchedulesUi }>('schedules page paging');
const COUNT = 260;

test.before(async (ctx) => {
  ctx.ui = await startSchedulesUi();
  const answer = await ctx.ui.http.post('/api/import', { almanac_export: 1, schedules: manySchedules(COUNT).map((s, i) => ({ ...s, tags: i % 10 === 0 ? ['tenth'] : [] })) });
  assert.is(answer.status, 200, answer.text);
});
test.after(async (ctx) => ctx.ui?.close());

test('the first 40 schedules show at once, the rest as the list is scrolled to its end', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  const rows = page.locator('alm-schedule-row');
  await page.locator('alm-list-more', { hasText: 'Showing 40 of 260' }).waitFor();
  assert.is(await rows.count(), 40);
  assert.match(await shownText(page.locator('alm-schedules-page .count')), /260 schedules/);
  await ui.browser.screenshot(page, 'schedules-paged', { fullPage: false });
  // Each time the end comes near, the next page follows; after the last one the end goes.
  const state = (): Promise<{ rows: number; more: boolean }> =>
    page.evaluate(() => {
      const root = document.querySelector('alm-app')!.shadowRoot!.querySelector('alm-schedules-page')!.shadowRoot!;
      return { rows: root.querySelector('alm-schedule-list')!.shadowRoot!.querySelectorAll('alm-schedule-row').length, more: !!root.querySelector('alm-list-more') };
    });
  for (let now = await state(); now.more; now = await state()) {
    await page.locator('alm-list-more').scrollIntoViewIfNeeded().catch(() => {}); // gone meanwhile: the last page came
    await page.waitForFunction(
      (before) => {
        const root = document.querySelector('alm-app')!.shadowRoot!.querySelector('alm-schedules-page')!.shadowRoot!;
        return !root.querySelector('alm-list-more') || root.querySelector('alm-schedule-list')!.shadowRoot!.querySelectorAll('alm-schedule-row').length > before;
      },
      now.rows,
    );
  }
  assert.is(await rows.count(), COUNT, 'every schedule once, none twice');
  assertClean(ui.browser.activity(page));
  await page.context().close();
});

test('search and filters are answered by the server, with counts in the header and the options', async ({ ui }) => {
  const page = await ui.open('#/schedules?tag=tenth');
  await page.locator('alm-schedules-page[data-shown="tag=tenth"]').waitFor();
  assert.is(await page.locator('alm-schedule-row').count(), COUNT / 10);
  // Counts follow the page: the header says nothing until they come, never a figure of another query.
  assert.not.match(await shownText(page.locator('alm-schedules-page .count')), /\b(40|260) schedules\b/);
  await page.locator('alm-schedules-page .count', { hasText: '26 of 260' }).waitFor();
  const options = await page.locator('alm-schedule-filters select#state option').allTextContents();
  assert.ok(options.some((o) => /^Enabled \(26\)$/.test(o)), options.join(' | '));
  await page.locator('alm-schedule-filters alm-search-input input').fill('load 0120');
  await page.locator('alm-schedules-page[data-shown="q=load+0120&tag=tenth"]').waitFor();
  assert.equal(await page.locator('alm-schedule-row a.name').allTextContents(), ['Load 0120']);
  await page.locator('alm-schedule-filters alm-search-input input').fill('load 0121');
  await page.locator('alm-schedules-page', { hasText: 'No schedule matches these filters.' }).waitFor();
  await page.context().close();
});

test('a schedule changed elsewhere updates in place; one created beyond the loaded page waits for its page', async ({ ui }) => {
  const page = await ui.open('#/schedules');
  await page.locator('alm-list-more', { hasText: 'Showing 40 of' }).waitFor();
  const first = (await page.locator('alm-schedule-row a.name').first().textContent())!.trim();
  const id = (await ui.list()).find((s) => s.name === first)!.id;
  await ui.http.post(`/api/schedules/${id}/disable`);
  await scheduleRow(page, first).locator('alm-schedule-state-chip[state=disabled]').waitFor();
  await ui.create({ name: 'Never runs soon', trigger: { type: 'once', at: '2099-01-01T00:00:00Z' }, target: { entity_id: ['switch.shelf_1_pump'] }, action: { type: 'on' } });
  await page.locator('alm-schedules-page .count', { hasText: '261 schedules' }).waitFor();
  assert.is(await scheduleRow(page, 'Never runs soon').count(), 0, 'far beyond the loaded page');
  assert.is(await page.locator('alm-schedule-row').count(), 40);
  await page.context().close();
});

test.run();
