/**
 * The panel shell in real Chromium, served by the real server in demo mode (embedded HA
 * simulator) through a simulated Ingress gateway: `/api/hassio_ingress/<token>/`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { startAlmanac, type TestAlmanac } from '../helpers/almanac.js';
import { ensurePanelBuilt, shownText, startBrowser, type PageActivity, type TestBrowser } from '../helpers/browser.js';
import { startIngressProxy, type IngressProxy } from '../helpers/ingress-proxy.js';

interface Context {
  almanac: TestAlmanac;
  proxy: IngressProxy;
  browser: TestBrowser;
}

const test = suite<Context>('panel shell');

/** A phone running the HA companion app. */
const PHONE = { width: 360, height: 740, mobile: true };
/** HA's dark theme page background (#111111), as Chromium reports computed colours. */
const HA_DARK_BACKGROUND = 'rgb(17, 17, 17)';

test.before(async (ctx) => {
  await ensurePanelBuilt();
  ctx.almanac = await startAlmanac();
  ctx.proxy = await startIngressProxy({ target: ctx.almanac.url });
  ctx.browser = await startBrowser();
});

test.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.proxy?.close();
  await ctx.almanac?.close();
});

/** Opens the panel at `hash` under the Ingress prefix and waits for the entity rows or page. */
async function open(ctx: Context, hash: string, opts: Parameters<TestBrowser['newPage']>[0] = {}): Promise<Page> {
  const page = await ctx.browser.newPage(opts);
  await page.goto(`${ctx.proxy.ingressUrl}${hash}`);
  return page;
}

const row = (page: Page, entityId: string) => page.locator(`li[data-entity-id="${entityId}"] alm-entity-row`);
const badge = (page: Page) => page.locator('alm-connection-badge');

/** No console errors, no failed requests (an event stream cut by navigation is not a failure). */
function assertClean(activity: PageActivity): void {
  const failures = activity.failures.filter((f) => !(f.reason === 'net::ERR_ABORTED' && f.url.endsWith('/api/events')));
  assert.equal(activity.errors, [], 'console errors');
  assert.equal(failures, [], 'failed requests');
}

test('the panel loads under the Ingress prefix without errors, and every request stays under it', async (ctx) => {
  const page = await open(ctx, '#/entities');
  await row(page, 'light.grow_shelf_1').waitFor();
  await badge(page).and(page.locator('[level="ok"]')).waitFor();
  const activity = ctx.browser.activity(page);
  assertClean(activity);
  const outside = activity.requests.filter((url) => !url.startsWith(ctx.proxy.ingressUrl));
  assert.equal(outside, [], 'requests outside the Ingress prefix');
  assert.ok(activity.requests.some((url) => url.endsWith('/api/events')), 'the event stream is opened');
  assert.equal(ctx.proxy.requests.filter((path) => !path.startsWith(`${ctx.proxy.ingressPath}/`)), []);
  await ctx.browser.screenshot(page, 'shell-light', { fullPage: true });
  await page.context().close();
});

test('the connection badge says the panel is connected to the simulated HA', async (ctx) => {
  const page = await open(ctx, '#/schedules');
  const ok = badge(page).and(page.locator('[level="ok"]'));
  await ok.waitFor();
  assert.is(await shownText(ok), 'Connected (demo)');
  assert.match((await ok.locator('.badge').getAttribute('title')) ?? '', /Home Assistant \d{4}\.\d+/);
  await page.context().close();
});

test('the entity list shows every demo entity with its name and state', async (ctx) => {
  const page = await open(ctx, '#/entities');
  await row(page, 'light.grow_shelf_1').waitFor();
  const rows = await page.locator('li[data-entity-id]').evaluateAll((items) => items.map((li) => li.getAttribute('data-entity-id')));
  const expected = ctx.almanac.sim.states().map((e) => e.entity_id);
  assert.equal([...rows].sort(), [...expected].sort());
  const pump = row(page, 'switch.water_pump_main');
  assert.match(await shownText(pump), /^Main water pump Grow room · switch\.water_pump_main Off /);
  await page.context().close();
});

test('each entity shows its HA area, and searching an area’s name finds its entities', async (ctx) => {
  const page = await open(ctx, '#/entities');
  await row(page, 'light.reef_blue').waitFor();
  assert.is(await row(page, 'light.reef_blue').locator('.area').innerText(), 'Reef tank', 'in the area of its device');
  assert.is(await row(page, 'input_boolean.vacation_mode').locator('.area').count(), 0, 'no area, nothing shown');
  await page.locator('alm-entities-page alm-search-input input').fill('reef tank');
  await row(page, 'light.grow_shelf_1').waitFor({ state: 'detached' });
  const shown = await page.locator('li[data-entity-id]').evaluateAll((items) => items.map((li) => li.getAttribute('data-entity-id')));
  assert.equal(shown.sort(), ['input_number.reef_feed_pause_minutes', 'light.reef_blue', 'light.reef_white', 'number.reef_pump_speed', 'sensor.reef_water_temperature', 'switch.reef_dosing_pump']);
  await page.locator('alm-entities-page alm-search-input input').fill('');
  ctx.almanac.sim.registry.setArea({ area_id: 'reef_tank', name: 'Reef 300 L' });
  await row(page, 'light.reef_blue').locator('.area', { hasText: 'Reef 300 L' }).waitFor();
  ctx.almanac.sim.registry.setArea({ area_id: 'reef_tank', name: 'Reef tank', icon: 'mdi:fishbowl' });
  await page.context().close();
});

test('a state change in HA shows up in the list live, without a reload', async (ctx) => {
  const page = await open(ctx, '#/entities');
  const light = row(page, 'light.grow_shelf_1');
  await light.and(page.locator(':not([active])')).waitFor();
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  const before = ctx.almanac.sim.getState('light.grow_shelf_1');
  ctx.almanac.sim.setState('light.grow_shelf_1', 'on', { ...before?.attributes, brightness: 255, color_mode: 'brightness' });
  await light.and(page.locator('[active]')).waitFor();
  assert.match(await light.locator('.value').innerText(), /^On$/);
  assert.is(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 1, 'no reload happened');
  await page.context().close();
});

test('after the event stream drops, the badge shows it, reconnects and the list catches up', async (ctx) => {
  const page = await open(ctx, '#/entities');
  await badge(page).and(page.locator('[level="ok"]')).waitFor();
  ctx.proxy.dropStreams();
  await badge(page).and(page.locator('[level="error"]')).waitFor();
  ctx.almanac.sim.setState('switch.shelf_1_pump', 'on');
  await badge(page).and(page.locator('[level="ok"]')).waitFor();
  await row(page, 'switch.shelf_1_pump').and(page.locator('[active]')).waitFor();
  ctx.almanac.sim.setState('switch.shelf_1_pump', 'off');
  await row(page, 'switch.shelf_1_pump').and(page.locator(':not([active])')).waitFor();
  await page.context().close();
});

test('a deep link survives a reload under the Ingress prefix', async (ctx) => {
  const page = await open(ctx, '#/entities');
  await row(page, 'light.reef_blue').waitFor();
  await page.reload();
  await row(page, 'light.reef_blue').waitFor();
  assert.is(new URL(page.url()).hash, '#/entities');
  assert.is(await shownText(page.locator('alm-nav-more button.more.current')), 'Entities', 'the More button names the page behind it');
  await page.goto(`${ctx.proxy.ingressUrl}#/nowhere`);
  await page.waitForURL(/#\/schedules$/);
  assertClean(ctx.browser.activity(page));
  await page.context().close();
});

test('the health page shows what /api/health reports', async (ctx) => {
  const page = await open(ctx, '#/health');
  const health = page.locator('alm-health-page');
  await health.locator('alm-card').first().waitFor();
  const shown = await shownText(health);
  assert.match(shown, /Home Assistant[\s\S]*Connected/);
  assert.match(shown, /Europe\/Berlin/);
  assert.match(shown, /Database/);
  await page.context().close();
});

test('dark mode follows prefers-color-scheme with HA dark colours', async (ctx) => {
  const page = await open(ctx, '#/entities', { colorScheme: 'dark' });
  await row(page, 'light.grow_shelf_2').waitFor();
  assert.is(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), HA_DARK_BACKGROUND);
  await ctx.browser.screenshot(page, 'shell-dark', { fullPage: true });
  assertClean(ctx.browser.activity(page));
  await page.context().close();
});

test('on a 360 px phone the tabs move to a five-place bottom bar and nothing scrolls sideways', async (ctx) => {
  const page = await open(ctx, '#/entities', PHONE);
  await row(page, 'light.grow_shelf_1').waitFor();
  const bar = page.locator('alm-nav-tabs[bottom]');
  await bar.waitFor();
  const box = await bar.boundingBox();
  assert.ok(box && box.y + box.height <= PHONE.height + 1 && box.y > PHONE.height / 2, 'bottom bar at the bottom');
  assert.is(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
  assert.is(await shownText(page.locator('alm-app-toolbar h1')), 'Entities');
  assert.is(await bar.locator('nav > a').count(), 4, 'four pages and More');
  await bar.locator('alm-nav-more button.more.current').waitFor();
  await ctx.browser.screenshot(page, 'shell-phone');
  await bar.locator('alm-nav-more button.more').click();
  await bar.locator('[role="menuitem"]', { hasText: 'Health' }).click();
  await page.waitForURL(/#\/health$/);
  await page.locator('alm-health-page alm-card').first().waitFor();
  assertClean(ctx.browser.activity(page));
  await page.context().close();
});

test.run();
