/**
 * Real Chromium for the panel tests (Debian's package, driven by playwright-core), plus the
 * panel build the server serves. One browser per test file; every page gets its own context, so
 * viewport, colour scheme and storage never leak between tests. Disposable: `close()`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PANEL = join(ROOT, 'panel');
const PANEL_DIST = join(PANEL, 'dist');
/** Screenshots land here (git-ignored) for a human to look at. */
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

/** Executable names of Chromium builds, Debian's first. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/**
 * Flags for a quiet headless run in a container: no sandbox (no user namespaces as root), no
 * GPU, and none of Chromium's background traffic (the network is loopback only).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Finds Chromium on the PATH (`CHROMIUM_PATH` overrides). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CHROMIUM_NAMES) {
      const path = join(dir, name);
      if (dir && existsSync(path)) return path;
    }
  }
  throw new Error(`Chromium not found on PATH (tried ${CHROMIUM_NAMES.join(', ')}); install Debian's chromium or set CHROMIUM_PATH`);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

/** A build takes about a second; a lock older than this was left by a killed process. */
const STALE_LOCK_MS = 60_000;
/** How long to wait for another test file's build before giving up. */
const LOCK_WAIT_MS = 120_000;
const LOCK_POLL_MS = 100;

function lockAge(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0; // released meanwhile: try again
  }
}

/** Runs `fn` while holding a directory lock (mkdir is atomic), so parallel test files build once. */
async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockAge(path) > STALE_LOCK_MS) rmSync(path, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for the panel build lock ${path}`);
      else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

function panelIsFresh(): boolean {
  const sources = Math.max(newestMtime(join(PANEL, 'src')), newestMtime(join(PANEL, 'index.html')), newestMtime(join(PANEL, 'vite.config.ts')));
  const index = join(PANEL_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= sources;
}

/**
 * Builds the panel with Vite unless `panel/dist` is newer than every source. CI runs the tests
 * on a fresh clone without `npm run build`, and the server serves `panel/dist`. One test file
 * builds at a time (a lock), into a private directory swapped in by renames, so a parallel test
 * file never serves a half-written build.
 */
export async function ensurePanelBuilt(): Promise<void> {
  if (panelIsFresh()) return;
  const scratch = join(ROOT, 'node_modules', '.cache'); // same filesystem (renames), git-ignored
  mkdirSync(scratch, { recursive: true });
  await withLock(join(scratch, 'almanac-panel.lock'), async () => {
    if (panelIsFresh()) return; // another file built it while we waited
    const { build } = await import('vite');
    const fresh = join(scratch, `almanac-panel-${process.pid}`);
    await build({ configFile: join(PANEL, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
    const old = join(scratch, `almanac-panel-old-${process.pid}`);
    if (existsSync(PANEL_DIST)) renameSync(PANEL_DIST, old);
    renameSync(fresh, PANEL_DIST);
    rmSync(old, { recursive: true, force: true });
  });
}

export interface PageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** BCP 47 tag for navigator.language and Intl (default en-US, so texts are predictable). */
  locale?: string;
  /** A phone: touch, mobile viewport rules, a 3× screen. */
  mobile?: boolean;
  /** Ceiling of every wait on the page, in ms (a failing wait should fail fast, not at the file timeout). */
  timeout?: number;
}

/** What a page did: the basis of "no console errors, no failed requests" checks. */
export interface PageActivity {
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Every request URL, in order. */
  requests: string[];
  /** Requests that failed at the network level or answered 4xx/5xx. */
  failures: { url: string; reason: string }[];
}

export interface TestBrowser {
  browser: Browser;
  /** A page in a fresh context; its activity is recorded from the start. */
  newPage(opts?: PageOptions): Promise<Page>;
  activity(page: Page): PageActivity;
  /** Saves `tests/artifacts/<name>.png` and returns its path. */
  screenshot(page: Page, name: string, opts?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** Desktop size of the default page: HA's sidebar takes 256 px of a 1280 px screen. */
const DEFAULT_VIEWPORT = { width: 1024, height: 768 };
/** Device pixel ratio of a typical phone running the HA companion app. */
const PHONE_SCALE = 3;
/** Everything the panel does locally takes milliseconds; 5 s means it is not coming. */
const DEFAULT_WAIT_MS = 5_000;

function record(page: Page): PageActivity {
  const activity: PageActivity = { errors: [], requests: [], failures: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') activity.errors.push(msg.text());
  });
  page.on('pageerror', (error) => activity.errors.push(`uncaught: ${error.message}`));
  page.on('request', (req) => activity.requests.push(req.url()));
  page.on('requestfailed', (req) => activity.failures.push({ url: req.url(), reason: req.failure()?.errorText ?? 'failed' }));
  page.on('response', (res) => {
    if (res.status() >= 400) activity.failures.push({ url: res.url(), reason: `HTTP ${res.status()}` });
  });
  return activity;
}

/**
 * The text an element shows, across shadow roots (the panel's elements render into shadow DOM,
 * which `innerText` of a host does not include), whitespace collapsed.
 */
export async function shownText(locator: Locator): Promise<string> {
  const text = await locator.evaluate((root, source) => (0, eval)(source)(root) as string, SHOWN_TEXT);
  return String(text).replace(/\s+/g, ' ').trim();
}

/**
 * Waits until the element's shown text matches `pattern` (for text that depends on data the panel
 * loads on its own: names of zones, areas or entities, counts), and returns it. On timeout the
 * assertion fails with the text last shown.
 */
export async function shownTextMatching(locator: Locator, pattern: RegExp, message?: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await shownText(locator);
    if (pattern.test(text) || Date.now() > deadline) {
      assert.match(text, pattern, message);
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The walker behind `shownText`, as source text: tsx compiles test code with helpers
 * (`__name`) that do not exist in the page, so functions shipped to the page are strings.
 */
const SHOWN_TEXT = `(root) => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && ['STYLE', 'SCRIPT'].includes(node.tagName)) return;
    if (node instanceof HTMLSlotElement) node.assignedNodes({ flatten: true }).forEach(walk);
    const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
    children.forEach(walk);
  };
  walk(root);
  return parts.join(' ');
}`;

/** Launches Chromium. */
export async function startBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const activities = new WeakMap<Page, PageActivity>();
  return {
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? DEFAULT_VIEWPORT.width, height: opts.height ?? DEFAULT_VIEWPORT.height },
        colorScheme: opts.colorScheme ?? 'light',
        locale: opts.locale ?? 'en-US',
        ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: PHONE_SCALE } : {}),
      });
      context.setDefaultTimeout(opts.timeout ?? DEFAULT_WAIT_MS);
      const page = await context.newPage();
      activities.set(page, record(page));
      return page;
    },
    activity(page) {
      const activity = activities.get(page);
      if (!activity) throw new Error('activity() needs a page from newPage()');
      return activity;
    },
    async screenshot(page, name, opts = {}) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' });
      return path;
    },
    async close() {
      await browser.close();
    },
  };
}
