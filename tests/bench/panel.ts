/**
 * Panel benchmark (`npm run bench -- panel`).
 *
 * 1. Size: the panel's JavaScript as shipped, gzip-compressed (what an HA companion app on a phone
 *    downloads), built with the project's Vite config into a scratch directory.
 * 2. Timeline render in headless Chromium against a real Almanac (demo mode): from navigation to
 *    the first complete render of the week (the page's `alm-timeline-rendered` performance mark,
 *    set once the canvas has painted the loaded week), median of RUNS, with 1,000 varied
 *    schedules, one lane per schedule and one lane per entity, against a baseline of 10 schedules
 *    measured in the same run. Plus the cost of a scroll step through the 1,000 lanes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ensurePanelBuilt, startBrowser, type TestBrowser } from '../helpers/browser.js';
import { manySchedules, startPanelServer, type PanelServer } from '../panel/timeline-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Medians of this many page loads: enough to damp a noisy shared machine, short enough for ~1 min. */
const RUNS = 5;
const LARGE = 1_000;
const BASELINE = 10;
/** Scroll steps measured through the lanes, each a screenful. */
const SCROLL_STEPS = 30;
/** A wait that means the page is broken, not slow. */
const RENDER_TIMEOUT_MS = 30_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Builds the panel as `npm run build:panel` does, into a scratch directory, and sums its gzipped JS. */
function jsSize(): { js_bytes: number; js_gzip_bytes: number; js_files: number } {
  const out = mkdtempSync(join(tmpdir(), 'almanac-panel-bench-'));
  try {
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'panel/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`panel build failed: ${build.stderr}`);
    const assets = join(out, 'assets');
    const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const content = readFileSync(join(assets, file));
      raw += content.length;
      gzip += gzipSync(content, { level: 9 }).length;
    }
    return { js_bytes: raw, js_gzip_bytes: gzip, js_files: files.length };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Replaces every schedule with `count` generated ones in one import. */
async function importSchedules(server: PanelServer, count: number): Promise<void> {
  const answer = await server.api.post('/api/import?mode=replace', { almanac_export: 1, schedules: manySchedules(count) });
  if (answer.status >= 300) throw new Error(`import answered ${answer.status}: ${answer.text.slice(0, 500)}`);
}

/** Navigation start to the rendered mark, in ms, in a fresh browser context (cold cache). */
async function renderOnce(browser: TestBrowser, url: string): Promise<number> {
  const page = await browser.newPage({ width: 1280, height: 900, timeout: RENDER_TIMEOUT_MS });
  try {
    await page.goto(url);
    await page.locator('alm-timeline-page[data-rendered]').waitFor();
    return await page.evaluate(() => performance.getEntriesByName('alm-timeline-rendered')[0]!.startTime);
  } finally {
    await page.context().close();
  }
}

async function medianRender(browser: TestBrowser, url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await renderOnce(browser, url));
  return round(median(times));
}

/** Mean time per scroll step (scroll, re-render of the visible lane names, canvas repaint, one frame). */
async function scrollStep(page: Page): Promise<number> {
  return page.locator('alm-timeline-chart').evaluate(async (chart, steps) => {
    const scroller = chart.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    // No named helpers in here: the test build wraps them in a `__name` call the page lacks.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const start = performance.now();
    for (let i = 1; i <= steps; i++) {
      scroller.scrollTop = (i * scroller.scrollHeight) / (steps + 1);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return (performance.now() - start) / steps;
  }, SCROLL_STEPS);
}

export async function bench(): Promise<Record<string, unknown>> {
  const size = jsSize();
  await ensurePanelBuilt();
  const [server, browser] = await Promise.all([startPanelServer(), startBrowser()]);
  try {
    const bySchedule = server.url('#/timeline?group=schedule');
    const byEntity = server.url('#/timeline');
    await importSchedules(server, BASELINE);
    await renderOnce(browser, bySchedule); // warm the server's caches and Chromium's code cache
    const baseline = await medianRender(browser, bySchedule);
    await importSchedules(server, LARGE);
    await renderOnce(browser, bySchedule);
    const large = await medianRender(browser, bySchedule);
    const largeByEntity = await medianRender(browser, byEntity);
    const page = await browser.newPage({ width: 1280, height: 900, timeout: RENDER_TIMEOUT_MS });
    await page.goto(bySchedule);
    await page.locator('alm-timeline-page[data-rendered]').waitFor();
    const scroll = await scrollStep(page);
    await page.context().close();
    return {
      ...size,
      js_gzip_kb: round(size.js_gzip_bytes / 1024),
      [`timeline_render_ms_${BASELINE}_schedules`]: baseline,
      [`timeline_render_ms_${LARGE}_schedules_lane_per_schedule`]: large,
      [`timeline_render_ms_${LARGE}_schedules_lane_per_entity`]: largeByEntity,
      [`ratio_${LARGE}_vs_${BASELINE}`]: round(large / baseline),
      [`scroll_step_ms_${LARGE}_lanes`]: round(scroll),
      runs_per_median: RUNS,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
