/**
 * docs/architecture.md stays true: every folder and file it names in backticks exists, and every
 * test name it quotes is a test in the file it cites.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../../scripts/build-state.js';

const text = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
/** Backticked things that look like paths in this repository: a slash, or a known top-level file. */
const PATH = /`((?:server|panel|tests|scripts|rootfs|translations|docs)\/[\w./-]*|Dockerfile|config\.yaml|build\.yaml)`/g;

function mentioned(): string[] {
  return [...new Set([...text.matchAll(PATH)].map((m) => m[1]!))];
}

test('every folder the guide names exists (a trailing slash means a folder)', () => {
  const folders = mentioned().filter((p) => p.endsWith('/'));
  assert.ok(folders.length >= 15, `the guide names the parts: ${folders.join(', ')}`);
  const missing = folders.filter((p) => !existsSync(join(ROOT, p)) || !statSync(join(ROOT, p)).isDirectory());
  // Build outputs are named as where things go, and exist only after a build.
  const built = new Set(['server/bundle/', 'server/dist/', 'panel/dist/']);
  assert.equal(missing.filter((p) => !built.has(p)), [], 'folders named in docs/architecture.md that do not exist');
});

test('every file the guide names exists', () => {
  const files = mentioned().filter((p) => !p.endsWith('/'));
  assert.ok(files.length >= 30);
  assert.equal(files.filter((p) => !existsSync(join(ROOT, p))), [], 'files named in docs/architecture.md that do not exist');
});

test('the tests it quotes by name exist in the files it cites', () => {
  // `file` ("the test's name" or "its beginning…"), the name wrapped over lines like the prose.
  const quoted = [...text.matchAll(/`(tests\/[\w./-]+\.test\.ts)` \("([^"…]+)…?"/g)].map((m) => ({ file: m[1]!, name: m[2]!.replace(/\s+/g, ' ') }));
  assert.ok(quoted.length >= 4, 'the exactly-once and DST rules are pinned by named tests');
  for (const { file, name } of quoted) {
    assert.match(readFileSync(join(ROOT, file), 'utf8'), `test('${name}`, `${file} has no test "${name}"`);
  }
});

test('README points to the guide instead of a design document readers cannot open', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.match(readme, '[docs/architecture.md](docs/architecture.md)');
  assert.not.match(readme, "shared DESIGN.md");
});

test.run();
