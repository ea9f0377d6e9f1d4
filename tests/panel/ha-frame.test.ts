/**
 * The panel inside a same-origin HA frame, as HA's frontend embeds Ingress panels: it follows
 * HA's language and theme (also when the theme changes while open) and can open HA's sidebar.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Frame, Page } from 'playwright-core';
import { startAlmanac, type TestAlmanac } from '../helpers/almanac.js';
import { ensurePanelBuilt, shownText, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { startIngressProxy, type HaFrameOptions, type IngressProxy } from '../helpers/ingress-proxy.js';

interface Context {
  almanac: TestAlmanac;
  browser: TestBrowser;
  proxies: IngressProxy[];
}

const test = suite<Context>('panel in an HA frame');

/** A custom dark HA theme: deep orange primary on HA's dark surfaces. */
const THEME: Record<string, string> = {
  'primary-color': '#ff5722',
  'primary-background-color': '#111111',
  'card-background-color': '#1c1c1c',
  'primary-text-color': '#e1e1e1',
  'secondary-text-color': '#9b9b9b',
  'divider-color': 'rgba(225, 225, 225, 0.12)',
};
/** Narrower than HA's 870 px breakpoint, as on a phone or a split screen. */
const NARROW = { width: 420, height: 740 };

test.before(async (ctx) => {
  await ensurePanelBuilt();
  ctx.almanac = await startAlmanac();
  ctx.browser = await startBrowser();
  ctx.proxies = [];
});

test.after(async (ctx) => {
  await ctx.browser?.close();
  for (const proxy of ctx.proxies ?? []) await proxy.close();
  await ctx.almanac?.close();
});

async function openFrame(ctx: Context, frame: HaFrameOptions, size?: { width: number; height: number }): Promise<{ page: Page; panel: Frame }> {
  const proxy = await startIngressProxy({ target: ctx.almanac.url, frame });
  ctx.proxies.push(proxy);
  const page = await ctx.browser.newPage(size ?? {});
  await page.goto(proxy.frameUrl);
  const handle = await page.waitForSelector('iframe');
  const panel = await handle.contentFrame();
  if (!panel) throw new Error('no panel frame');
  await panel.locator('alm-app-toolbar').waitFor();
  return { page, panel };
}

const almToken = (panel: Frame, name: string) =>
  panel.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

test("the panel speaks HA's language and wears HA's theme", async (ctx) => {
  const { page, panel } = await openFrame(ctx, { language: 'de', darkMode: true, themeVariables: THEME, hash: '#/entities' });
  await panel.locator('li[data-entity-id="light.grow_shelf_1"]').waitFor();
  assert.is(await shownText(panel.locator('alm-nav-tabs [role="menuitem"][aria-current="page"]')), 'Entitäten');
  assert.is(await shownText(panel.locator('alm-nav-more button.more.current')), 'Entitäten');
  assert.is(await panel.evaluate(() => document.documentElement.lang), 'de');
  assert.is(await almToken(panel, '--alm-primary-color'), '#ff5722');
  assert.is(await panel.evaluate(() => document.documentElement.dataset.scheme), 'dark');
  await ctx.browser.screenshot(page, 'shell-ha-frame');
  assert.equal(ctx.browser.activity(page).errors, []);
  await page.context().close();
});

test('a theme change in HA reaches the open panel', async (ctx) => {
  const { page, panel } = await openFrame(ctx, { themeVariables: THEME });
  await page.evaluate(() => document.documentElement.style.setProperty('--primary-color', '#2196f3'));
  await panel.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--alm-primary-color').trim() === '#2196f3');
  await page.context().close();
});

test("on a narrow screen the panel's menu button opens HA's sidebar", async (ctx) => {
  const { page, panel } = await openFrame(ctx, { hash: '#/health' }, NARROW);
  await panel.locator('alm-app-toolbar alm-icon-button').click();
  assert.is(await page.evaluate(() => (window as unknown as { sidebarToggles: number }).sidebarToggles), 1);
  await page.context().close();
});

test('when HA draws its own narrow header, the panel adds no second menu button', async (ctx) => {
  const { page, panel } = await openFrame(ctx, { hash: '#/health', header: true }, NARROW);
  await panel.locator('alm-nav-tabs[bottom]').waitFor();
  assert.is(await panel.locator('alm-app-toolbar alm-icon-button').count(), 0);
  await page.context().close();
});

test.run();
