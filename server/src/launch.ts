#!/usr/bin/env node
/**
 * `almanac` as the production bundle runs it (server/bundle/almanac.js, what `npm start`, the
 * add-on's s6 script and the add-on terminal start): loads the bundle's code (main.js) through a
 * V8 code cache, then runs the command.
 *
 * Every start used to parse the bundle and compile each function the start called, about a third
 * of a start (`npm run bench -- scale`). V8's code cache (`vm.Script` cachedData) skips both; made
 * once the command has run a while, it also holds the functions the start compiled lazily, which
 * Node's own module compile cache (Node 22+) leaves out.
 *
 * The cache lives in the data folder (`.cache/code/`), which outlives the add-on's container: one
 * file per command and build, written when none fits (the first start, an update, another Node).
 * V8 itself refuses a cache made by another V8 or with other flags, and the command then runs
 * without it and writes a new one. A missing, unwritable or damaged cache never stops a command.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { dataDirOf } from './config/data-dir.js';
import { tuneHeap } from './heap.js';

/** The bundle's build, a hash of main.js put here by scripts/bundle.ts: a cache is only for its build. */
declare const ALMANAC_BUILD: string;

/** What main.js exports (bundle-main.ts). */
interface BundleMain {
  runProcess(): Promise<never>;
  COMMANDS: readonly { name: string }[];
}

/** A long-running command's cache is written this long after it started, once its start is done. */
const WRITE_AFTER_MS = 5000;
/** A partly written cache this old was left by a process that died while writing it. */
const STALE_PARTIAL_MS = 60_000;
/** Node's CommonJS wrapper, so main.js runs as if required (its own require, module, __dirname). */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'] as const;

const MAIN = join(__dirname, 'main.js');
/** The command's first word; a cache is kept for commands only, not for --help or a typo. */
const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2]! : undefined;
const dataDir = dataDirOf(process.env);
const cacheDir = join(dataDir, '.cache', 'code');
const cacheFile = command && join(cacheDir, `${command}-${ALMANAC_BUILD}-${process.version}-${process.arch}.bin`);

function readCache(): Buffer | undefined {
  if (!cacheFile) return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Writes the cache (complete or not at all), and drops this command's caches of other builds. */
function writeCache(script: Script, file: string): void {
  try {
    // Never create the data folder itself: a command run from anywhere must not leave ./data behind.
    if (!statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) return;
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
    for (const name of readdirSync(cacheDir)) {
      const path = join(cacheDir, name);
      // Another process may be writing its own .tmp right now; one left by a crash is old.
      const stale = name.endsWith('.tmp') ? Date.now() - statSync(path).mtimeMs > STALE_PARTIAL_MS : name.startsWith(`${command}-`) && path !== file;
      if (stale) rmSync(path, { force: true });
    }
  } catch {
    // A read-only or full disk: the next start compiles, as it would without a cache.
  }
}

// Before compiling: V8 refuses a cache made under other flags, and serve sets this one anyway.
tuneHeap();
const cachedData = readCache();
const script = new Script(`${WRAPPER[0]}${readFileSync(MAIN, 'utf8')}${WRAPPER[1]}`, { filename: MAIN, cachedData });
const bundle = { exports: {} as BundleMain };
(script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(MAIN), bundle, MAIN, __dirname);
const main = bundle.exports;

if (cacheFile && (!cachedData || script.cachedDataRejected) && main.COMMANDS.some((c) => c.name.split(' ')[0] === command)) {
  let written = false;
  const write = (): void => {
    if (written) return;
    written = true;
    writeCache(script, cacheFile);
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  // Only from a run that went well: a start that stopped on bad options would keep a cache of its
  // error path, which V8 accepts, and every later start would compile the rest.
  process.once('exit', (code) => {
    if (code === 0) write();
  });
}

void main.runProcess();
