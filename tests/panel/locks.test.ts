/**
 * The Locks page in real Chromium against a real Almanac and its HA simulator: three waterings on
 * one water main, one holding it and two waiting in line with their waiting times; a lock created
 * and changed from the page; a lock in use refused on delete; the schedule editor offering the
 * existing locks; the lock and the wait in History. Screenshots in tests/artifacts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from '../helpers/almanac.js';
import { ensurePanelBuilt, shownText, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, startPanelServer, type PanelServer } from './timeline-fixtures.js';

let server: PanelServer;
let browser: TestBrowser;
const soon = (ms: number): string => new Date(Date.now() + ms).toISOString();

test.before(async () => {
  await ensurePanelBuilt();
  [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  const at = soon(1_500);
  const shelves: [string, string][] = [['Shelf 1 watering', 'switch.shelf_1_pump'], ['Shelf 2 watering', 'switch.water_pump_main'], ['Shelf 3 watering', 'switch.garden_sprinkler']];
  for (const [i, [name, entity]] of shelves.entries()) {
    await createSchedule(server, {
      name, trigger: { type: 'once', at }, target: { entity_id: [entity] }, action: { type: 'on' }, duration_seconds: 600, priority: 10 - i,
      policy: { lock: 'water-main' },
    });
  }
  await waitFor(async () => (await server.api.get('/api/locks/water-main')).json.queue.length === 2, 'two waterings in line', 6_000);
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

test('the Locks page shows who holds the water main and who waits, live', async () => {
  const page = await browser.newPage({ width: 1100, height: 900 });
  await page.goto(server.url('#/locks'));
  const card = page.locator('alm-lock-card[data-lock="water-main"]');
  await card.waitFor();
  await waitFor(async () => (await shownText(card)).includes('Shelf 3 watering'), 'the line on the page');
  const text = await shownText(card);
  await browser.screenshot(page, 'locks-light');
  assert.match(text, /Held by Shelf 1 watering since/);
  assert.match(text, /Waiting \( 2 \) 1 \. Shelf 2 watering waiting \d+/);
  assert.match(text, /2 \. Shelf 3 watering waiting/);
  assert.match(text, /gives up at/);
  await browser.screenshot(page, 'locks-light');
  assert.equal(browser.activity(page).errors, []);
});

test('a lock is created and changed from the page; deleting one in use says why', async () => {
  const page = await browser.newPage({ width: 1100, height: 900 });
  await page.goto(server.url('#/locks'));
  await page.locator('alm-lock-card').first().waitFor();
  await page.getByRole('button', { name: 'Add lock' }).click();
  await page.locator('alm-lock-form input#lock-name').fill('reef pump');
  await page.locator('alm-lock-form input#lock-capacity').fill('2');
  await page.locator('alm-lock-form').getByRole('button', { name: 'Create' }).click();
  const reef = page.locator('alm-lock-card[data-lock="reef pump"]');
  await reef.waitFor();
  assert.match(await shownText(reef), /2 runs at a time/);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.locator('alm-lock-card[data-lock="water-main"]').getByRole('button', { name: 'Delete lock' }).click();
  await page.locator('alm-alert').waitFor();
  assert.match(await shownText(page.locator('alm-alert')), /used by schedules "Shelf 1 watering", "Shelf 2 watering", "Shelf 3 watering"/);
  await browser.screenshot(page, 'locks-edit');
});

test('the schedule editor offers the existing locks and History shows the wait', async () => {
  const page = await browser.newPage({ width: 1100, height: 900 });
  await page.goto(server.url('#/schedules/new'));
  await page.locator('alm-schedule-templates a[data-template=blank]').click();
  await page.locator('alm-policy-editor').waitFor();
  await page.locator('alm-policy-editor summary').click();
  const options = await page.locator('alm-policy-editor datalist#policy-lock-names option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  assert.ok(options.includes('water-main'), `offered: ${options.join(', ')}`);
  await page.goto(server.url('#/history'));
  const row = page.locator('alm-run-row', { hasText: 'Shelf 3 watering' }).first();
  await row.waitFor();
  assert.match(await shownText(row), /waiting for water-main/);
  await browser.screenshot(page, 'locks-history');
});

test('the Locks page in dark mode and on a phone', async () => {
  for (const [name, opts] of [['locks-dark', { colorScheme: 'dark' as const, width: 1100, height: 900 }], ['locks-phone', { mobile: true, width: 390, height: 844 }]] as const) {
    const page = await browser.newPage(opts);
    await page.goto(server.url('#/locks'));
    await page.locator('alm-lock-card').first().waitFor();
    await browser.screenshot(page, name, { fullPage: true });
    assert.equal(browser.activity(page).errors, []);
  }
});

test.run();
