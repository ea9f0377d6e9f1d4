/**
 * The bundle's code cache (server/src/launch.ts): the first run of a command keeps V8's compiled
 * code in the data folder, later runs start from it, and nothing about the cache can stop a
 * command: missing, refused by V8, damaged, of another build, or impossible to write.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { almanac, ensureBundle } from '../helpers/cli.js';

const PREVIEW = ['preview', '0 9 * * *', '--count', '1'];
let dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-code-cache-'));
  dirs.push(dir);
  return dir;
}

function cacheFiles(data: string): string[] {
  const dir = join(data, '.cache', 'code');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

async function preview(data: string, env: Record<string, string> = {}): Promise<void> {
  const run = await almanac(PREVIEW, { DATA_DIR: data, ...env });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /09:00/);
}

/** A data folder in which `preview` has run once, and the cache file that run wrote. */
async function previewedOnce(): Promise<{ data: string; path: string; file: string }> {
  const data = tempDir();
  await preview(data);
  const [file] = cacheFiles(data);
  return { data, path: join(data, '.cache', 'code', file!), file: file! };
}

test.before(() => ensureBundle());
test.after.each(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

test('the first run of a command keeps its compiled code, and the next run starts from it unchanged', async () => {
  const data = tempDir();
  await preview(data);
  const [file, ...others] = cacheFiles(data);
  assert.equal(others, []);
  assert.match(file!, new RegExp(`^preview-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.bin$`));
  const first = statSync(join(data, '.cache', 'code', file!));
  assert.ok(first.size > 100_000, `${first.size} bytes`);
  await preview(data);
  // A cache V8 accepted is not written again.
  assert.is(statSync(join(data, '.cache', 'code', file!)).mtimeMs, first.mtimeMs);
});

test('a cache V8 refuses (made under other V8 flags) is replaced, and the command runs as usual', async () => {
  const { data, path, file } = await previewedOnce();
  const before = statSync(path).mtimeMs;
  await preview(data, { NODE_OPTIONS: '--max-semi-space-size=4' });
  assert.ok(statSync(path).mtimeMs > before, 'rewritten for the new flags');
  assert.equal(cacheFiles(data), [file]);
});

test('a damaged or cut-short cache is refused and replaced', async () => {
  const { data, path } = await previewedOnce();
  const size = statSync(path).size;
  const rewritten = (): boolean => statSync(path).size > size * 0.9 && readFileSync(path).readUInt32LE(0) !== 0;
  writeFileSync(path, 'not a code cache');
  await preview(data);
  assert.ok(rewritten(), 'a damaged cache is replaced');
  writeFileSync(path, Buffer.alloc(Math.floor(size / 2)));
  await preview(data);
  assert.ok(rewritten(), 'a cut-short cache is replaced');
  writeFileSync(path, readFileSync(path).subarray(0, Math.floor(size / 2)));
  await preview(data);
  assert.ok(rewritten(), 'a cache cut short by a crash is replaced');
});

test("a command's caches of other builds are removed when it writes its own; other commands' are kept", async () => {
  const data = tempDir();
  const dir = join(data, '.cache', 'code');
  mkdirSync(dir, { recursive: true });
  const stale = ['preview-0123456789abcdef-v20.0.0-x64.bin', 'serve-0123456789abcdef-v20.0.0-x64.bin'];
  for (const name of stale) writeFileSync(join(dir, name), 'old');
  await preview(data);
  const files = cacheFiles(data);
  assert.not.ok(files.includes(stale[0]!), files.join(' '));
  assert.ok(files.includes(stale[1]!), files.join(' '));
  assert.is(files.filter((f) => f.startsWith('preview-')).length, 1);
});

test('without a data folder a command runs without a cache and creates no folder', async () => {
  const cwd = tempDir();
  const run = await almanac(PREVIEW, {}, { cwd });
  assert.is(run.code, 0, run.stderr);
  assert.equal(readdirSync(cwd), []);
  // --help and a mistyped command keep no cache either.
  const data = tempDir();
  assert.is((await almanac(['--help'], { DATA_DIR: data })).code, 0);
  assert.is.not((await almanac(['preveiw'], { DATA_DIR: data })).code, 0);
  assert.equal(readdirSync(data), []);
});

test('a command that fails keeps no cache of its error path', async () => {
  const data = tempDir();
  // preview with a spec it cannot read: exit code 2, nothing written; the next good run writes it.
  const bad = await almanac(['preview', 'every blue moon'], { DATA_DIR: data });
  assert.is(bad.code, 2, bad.stderr);
  assert.equal(cacheFiles(data), []);
  await preview(data);
  assert.is(cacheFiles(data).length, 1);
});

test('a cache that cannot be written does not stop the command', async () => {
  const data = tempDir();
  // .cache is a file, so the folder for the cache cannot be made.
  writeFileSync(join(data, '.cache'), '');
  await preview(data);
  await preview(data);
  assert.ok(statSync(join(data, '.cache')).isFile());
});

test.run();
