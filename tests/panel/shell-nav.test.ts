/**
 * The panel's page navigation in real Chromium, through the simulated Ingress prefix, against a
 * real Almanac in demo mode with one open conflict (for the badge): primary tabs and the More
 * menu on desktop widths, the five-place bottom bar on a phone, the menu by mouse and keyboard,
 * the current page shown when it sits behind More, deep links and the back button, and no
 * sideways overflow or clipped label at any width, in English and German.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Locator, Page } from 'playwright-core';
import { ensurePanelBuilt, shownText, startBrowser, type PageOptions, type TestBrowser } from '../helpers/browser.js';
import { createSchedule, startPanelServer, type PanelServer } from './timeline-fixtures.js';

interface Context {
  server: PanelServer;
  browser: TestBrowser;
}

const test = suite<Context>('panel navigation');

/** A phone running the HA companion app (an iPhone 14's CSS width). */
const PHONE: PageOptions = { width: 390, height: 844, mobile: true };
const DESKTOP: PageOptions = { width: 1280, height: 800 };
/** From just above HA's narrow breakpoint (870 px) to a wide monitor. */
const DESKTOP_WIDTHS = [871, 960, 1024, 1280, 1600];
const ALL_PAGES = ['schedules', 'timeline', 'conflicts', 'farm', 'grows', 'locks', 'history', 'entities', 'health', 'settings', 'audit'];

test.before(async (ctx) => {
  await ensurePanelBuilt();
  [ctx.server, ctx.browser] = await Promise.all([startPanelServer(), startBrowser()]);
  // Two schedules that want the same light at noon: one open conflict, so the badge shows.
  await createSchedule(ctx.server, {
    name: 'Shelf 2 day', trigger: { type: 'calendar', times: ['06:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'set_level', percent: 80 }, duration_seconds: 12 * 3600,
  });
  await createSchedule(ctx.server, {
    name: 'Shelf 2 siesta', trigger: { type: 'calendar', times: ['12:00'] }, target: { entity_id: ['light.grow_shelf_2'] }, action: { type: 'off' }, duration_seconds: 3600, priority: 5,
  });
});

test.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.close();
});

async function open(ctx: Context, hash: string, opts: PageOptions): Promise<Page> {
  const page = await ctx.browser.newPage(opts);
  await page.goto(ctx.server.url(hash));
  await page.locator('alm-nav-more button.more').waitFor();
  return page;
}

const tabs = (page: Page) => page.locator('alm-nav-tabs nav > a');
const moreButton = (page: Page) => page.locator('alm-nav-more button.more');
const menu = (page: Page) => page.locator('alm-nav-more [role="menu"]');
const menuItems = (page: Page) => page.locator('alm-nav-more [role="menuitem"]');
const hasFocus = (locator: Locator) => locator.evaluate((el) => el.matches(':focus'));
const pageOf = (href: string | null) => (href ?? '').replace(/^#\//, '');

async function hrefs(locator: Locator): Promise<string[]> {
  return (await locator.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).map(pageOf);
}

interface LayoutReport {
  page: [number, number];
  nav: [number, number];
  clipped: string[];
  outside: string[];
  overlapping: string[];
}

/**
 * Measures the shell in the page: document and tab-row scroll widths, labels cut short, and the
 * toolbar's (or bottom bar's) parts drawn outside the window or over each other. Source text, as
 * functions shipped to the page must be (see SHOWN_TEXT in helpers/browser.ts).
 */
const LAYOUT_REPORT = `() => {
  const app = document.querySelector('alm-app').shadowRoot;
  const toolbar = app.querySelector('alm-app-toolbar').shadowRoot;
  const tabs = app.querySelector('alm-nav-tabs');
  const nav = tabs.shadowRoot.querySelector('nav');
  const more = tabs.shadowRoot.querySelector('alm-nav-more');
  const button = more ? more.shadowRoot.querySelector('button.more') : null;
  const h1 = toolbar.querySelector('h1');
  const narrow = tabs.hasAttribute('bottom');
  const labels = [...nav.querySelectorAll(':scope > a .label'), ...(button ? button.querySelectorAll('.label') : [])];
  if (!narrow) labels.push(h1);
  const clipped = labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent.trim());
  const parts = [...nav.querySelectorAll(':scope > a'), ...(button ? [button] : [])].map((el) => [el.textContent.trim().replace(/\\s+/g, ' '), el.getBoundingClientRect()]);
  if (!narrow) parts.unshift(['title', h1.getBoundingClientRect()]);
  if (!narrow) parts.push(['connection', app.querySelector('alm-connection-badge').getBoundingClientRect()]);
  const outside = parts.filter(([, r]) => r.left < 0 || r.right > window.innerWidth + 0.5).map(([name]) => name);
  const overlapping = [];
  for (let i = 1; i < parts.length; i++) if (parts[i][1].left < parts[i - 1][1].right - 0.5) overlapping.push(parts[i - 1][0] + ' / ' + parts[i][0]);
  return {
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    nav: [nav.scrollWidth, nav.clientWidth],
    clipped, outside, overlapping,
  };
}`;

async function layoutReport(page: Page): Promise<LayoutReport> {
  return (await page.evaluate(`(${LAYOUT_REPORT})()`)) as LayoutReport;
}

function assertTidy(report: LayoutReport, where: string): void {
  assert.ok(report.page[0] <= report.page[1], `${where}: the page scrolls sideways (${report.page})`);
  assert.ok(report.nav[0] <= report.nav[1], `${where}: the tab row overflows (${report.nav})`);
  assert.equal(report.clipped, [], `${where}: clipped labels`);
  assert.equal(report.outside, [], `${where}: outside the window`);
  assert.equal(report.overlapping, [], `${where}: overlapping`);
}

test('on a desktop the grower’s main pages are tabs and the rest sit behind More', async (ctx) => {
  const page = await open(ctx, '#/schedules', DESKTOP);
  assert.equal(await hrefs(tabs(page)), ['schedules', 'timeline', 'conflicts', 'farm', 'grows']);
  assert.equal(await hrefs(menuItems(page)), ['locks', 'history', 'entities', 'health', 'settings', 'audit']);
  assert.is(await shownText(page.locator('alm-nav-tabs nav > a[aria-current="page"]')), 'Schedules');
  assert.is(await moreButton(page).getAttribute('aria-haspopup'), 'menu');
  assert.is(await moreButton(page).getAttribute('aria-expanded'), 'false');
  assert.is(await shownText(moreButton(page)), 'More');
  await page.locator('alm-nav-tabs nav > a [data-badge="conflicts"]').waitFor();
  assertTidy(await layoutReport(page), 'desktop');
  await ctx.browser.screenshot(page, 'nav-desktop');
  await page.context().close();
});

for (const locale of ['en-US', 'de-DE']) {
  test(`at every desktop width (${locale}) the tabs fit, each page is reachable once and the badge stays in sight`, async (ctx) => {
    const page = await open(ctx, '#/settings', { ...DESKTOP, locale });
    for (const width of DESKTOP_WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction(() => document.querySelector('alm-app')?.shadowRoot?.querySelector('alm-nav-tabs:not([bottom])'));
      await page.evaluate(() => new Promise(requestAnimationFrame));
      assertTidy(await layoutReport(page), `${locale} ${width} px`);
      const reachable = [...(await hrefs(tabs(page))), ...(await hrefs(menuItems(page)))];
      assert.equal([...reachable].sort(), [...ALL_PAGES].sort(), `${width} px: every page once`);
      assert.is(await page.locator('alm-nav-tabs [data-badge="conflicts"]:visible, alm-nav-more [data-badge="more"]:visible').count(), 1, `${width} px: one badge in sight`);
      assert.is(await moreButton(page).evaluate((b) => b.classList.contains('current')), true, `${width} px: More marks the current page`);
    }
    await page.setViewportSize({ width: DESKTOP_WIDTHS[0]!, height: 800 });
    await ctx.browser.screenshot(page, `nav-desktop-narrowest-${locale}`);
    await page.context().close();
  });
}

test('the More menu by mouse: opens, picks a page, names it on the button, closes on a click elsewhere; back returns', async (ctx) => {
  const page = await open(ctx, '#/schedules', DESKTOP);
  await moreButton(page).click();
  await menu(page).waitFor();
  assert.is(await moreButton(page).getAttribute('aria-expanded'), 'true');
  const box = await menu(page).boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= DESKTOP.width!, 'the menu stays on screen');
  await ctx.browser.screenshot(page, 'nav-desktop-menu');
  await page.mouse.click(400, 500);
  await menu(page).waitFor({ state: 'hidden' });
  assert.is(await moreButton(page).getAttribute('aria-expanded'), 'false');

  await moreButton(page).click();
  await menuItems(page).filter({ hasText: 'Health' }).click();
  await page.waitForURL(/#\/health$/);
  await page.locator('alm-health-page alm-card').first().waitFor();
  assert.ok(await menu(page).isHidden(), 'closed after the pick');
  assert.ok(await hasFocus(moreButton(page)), 'focus back on the button');
  assert.is(await shownText(moreButton(page)), 'Health');
  assert.is(await moreButton(page).getAttribute('aria-label'), 'Health, more pages');
  assert.is(await menuItems(page).filter({ hasText: 'Health' }).getAttribute('aria-current'), 'page');
  assert.is(await page.locator('alm-nav-tabs nav > a[aria-current="page"]').count(), 0);
  await ctx.browser.screenshot(page, 'nav-desktop-more-current');

  await page.goBack();
  await page.waitForURL(/#\/schedules$/);
  await page.locator('alm-nav-tabs nav > a.current', { hasText: 'Schedules' }).waitFor();
  assert.is(await shownText(moreButton(page)), 'More');
  await page.context().close();
});

test('the More menu by keyboard: Enter, arrows, Home/End, a first letter, Escape and Space, with focus back on the button', async (ctx) => {
  const page = await open(ctx, '#/timeline', DESKTOP);
  const item = (name: string) => menuItems(page).filter({ hasText: name });
  await moreButton(page).focus();
  await page.keyboard.press('Enter');
  await menu(page).waitFor();
  assert.ok(await hasFocus(item('Locks')), 'Enter opens on the first page');
  await page.keyboard.press('ArrowDown');
  assert.ok(await hasFocus(item('History')));
  await page.keyboard.press('End');
  assert.ok(await hasFocus(item('Audit log')));
  await page.keyboard.press('ArrowDown');
  assert.ok(await hasFocus(item('Locks')), 'wraps to the top');
  await page.keyboard.press('ArrowUp');
  assert.ok(await hasFocus(item('Audit log')), 'wraps to the bottom');
  await page.keyboard.press('Home');
  assert.ok(await hasFocus(item('Locks')));
  await page.keyboard.press('Escape');
  await menu(page).waitFor({ state: 'hidden' });
  assert.ok(await hasFocus(moreButton(page)), 'Escape returns focus');
  assert.is(new URL(page.url()).hash, '#/timeline', 'nothing was picked');

  await page.keyboard.press('ArrowUp');
  await menu(page).waitFor();
  assert.ok(await hasFocus(item('Audit log')), '↑ opens on the last page');
  await page.keyboard.press('Escape');
  await page.keyboard.press(' ');
  await menu(page).waitFor();
  await page.keyboard.press('s');
  assert.ok(await hasFocus(item('Settings')), 'a first letter jumps');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/settings$/);
  await menu(page).waitFor({ state: 'hidden' });
  assert.ok(await hasFocus(moreButton(page)));
  assert.is(await shownText(moreButton(page)), 'Settings');

  await page.keyboard.press('Enter');
  await page.keyboard.press('e');
  assert.ok(await hasFocus(item('Entities')));
  await page.keyboard.press(' ');
  await page.waitForURL(/#\/entities$/);
  assert.ok(await hasFocus(moreButton(page)), 'Space picks too');
  await page.context().close();
});

test('a deep link to a page behind More shows it as current and survives a reload', async (ctx) => {
  const page = await open(ctx, '#/audit', DESKTOP);
  assert.is(await shownText(moreButton(page)), 'Audit log');
  await page.reload();
  await page.locator('alm-nav-more button.more.current').waitFor();
  assert.is(await shownText(moreButton(page)), 'Audit log');
  assert.is(new URL(page.url()).hash, '#/audit');
  await page.goto(ctx.server.url('#/conflicts'));
  await page.locator('alm-nav-tabs nav > a.current', { hasText: 'Conflicts' }).waitFor();
  assert.is(await shownText(moreButton(page)), 'More');
  await page.context().close();
});

test('on a phone the bottom bar holds four pages and More, with the conflict badge on More', async (ctx) => {
  const page = await open(ctx, '#/schedules', PHONE);
  const bar = page.locator('alm-nav-tabs[bottom]');
  assert.equal(await hrefs(bar.locator('nav > a')), ['schedules', 'timeline', 'farm', 'grows']);
  assert.is(await bar.locator('nav > a').count() + (await moreButton(page).count()), 5);
  assert.is(await shownText(moreButton(page)), '1 More');
  assert.is(await moreButton(page).getAttribute('aria-label'), 'More pages, 1 open conflicts');
  assertTidy(await layoutReport(page), 'phone');
  await ctx.browser.screenshot(page, 'nav-phone');

  await moreButton(page).tap();
  await menu(page).waitFor();
  const box = await menu(page).boundingBox();
  const barBox = await bar.boundingBox();
  assert.ok(box && barBox && box.x >= 0 && box.x + box.width <= PHONE.width! && box.y >= 0 && box.y + box.height <= barBox.y + 0.5, 'the menu opens above the bar, on screen');
  assert.equal(await hrefs(menuItems(page)), ['conflicts', 'locks', 'history', 'entities', 'health', 'settings', 'audit']);
  await menuItems(page).locator('[data-badge="conflicts"]').waitFor();
  await ctx.browser.screenshot(page, 'nav-phone-menu');

  await menuItems(page).filter({ hasText: 'Settings' }).tap();
  await page.waitForURL(/#\/settings$/);
  await page.locator('alm-nav-more button.more.current').waitFor();
  assert.is(await shownText(page.locator('alm-app-toolbar h1')), 'Settings');
  assert.is(await bar.locator('nav > a[aria-current="page"]').count(), 0);
  assertTidy(await layoutReport(page), 'phone, Settings');
  await ctx.browser.screenshot(page, 'nav-phone-more-current');
  await page.goBack();
  await page.waitForURL(/#\/schedules$/);
  await bar.locator('nav > a.current', { hasText: 'Schedules' }).waitFor();
  await page.context().close();
});

test('on a German phone no bottom-bar label is cut short', async (ctx) => {
  const page = await open(ctx, '#/health', { ...PHONE, locale: 'de-DE' });
  assert.is(await shownText(moreButton(page)), '1 Mehr');
  assertTidy(await layoutReport(page), 'phone de');
  await page.context().close();
});

test.run();
